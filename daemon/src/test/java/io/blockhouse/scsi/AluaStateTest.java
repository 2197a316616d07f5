package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.alua.AccessState;
import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.PortGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a new picture of the port groups must be announced with ASYMMETRIC ACCESS STATE CHANGED. */
class AluaStateTest {

    private static PortGroup group(int id, AccessState state, boolean preferred, Integer... ports) {
        return new PortGroup(id, "g" + id, state, preferred, PortGroup.Status.NONE, List.of(ports));
    }

    private static final AluaState TWO = new AluaState(false, List.of(
            group(0, AccessState.ACTIVE_OPTIMIZED, false, 1),
            group(2, AccessState.STANDBY, false, 2)));

    @Test
    void aPortAddedOrRemovedIsNoAccessChange() {
        AluaState added = new AluaState(false, List.of(group(0, AccessState.ACTIVE_OPTIMIZED, false, 1, 3),
                group(2, AccessState.STANDBY, false, 2)));
        assertFalse(TWO.accessDiffers(added));
        assertFalse(added.accessDiffers(TWO));
    }

    @Test
    void stateGroupOrPreferenceOfAnExistingPortIs() {
        assertTrue(TWO.accessDiffers(new AluaState(false, List.of(group(0, AccessState.ACTIVE_OPTIMIZED, false, 1),
                group(2, AccessState.ACTIVE_NON_OPTIMIZED, false, 2)))));
        assertTrue(TWO.accessDiffers(new AluaState(false, List.of(group(0, AccessState.ACTIVE_OPTIMIZED, false, 1),
                group(2, AccessState.STANDBY, true, 2)))));
        assertTrue(TWO.accessDiffers(new AluaState(false, List.of(group(0, AccessState.ACTIVE_OPTIMIZED, false, 1),
                group(3, AccessState.STANDBY, false, 2)))));
        assertFalse(TWO.accessDiffers(new AluaState(true, TWO.groups())), "explicit is not an access state");
    }
}
