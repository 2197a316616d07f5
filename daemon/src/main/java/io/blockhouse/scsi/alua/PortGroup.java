package io.blockhouse.scsi.alua;

import java.util.List;

/**
 * One target port group as the device server reports it.
 *
 * @param id              TARGET PORT GROUP identifier (0 = the implicit default group)
 * @param name            administrator's name
 * @param state           current asymmetric access state
 * @param preferred       PREF bit
 * @param status          STATUS CODE of REPORT TARGET PORT GROUPS: why the state last changed
 * @param relativePortIds RELATIVE TARGET PORT IDENTIFIERs of the group's target ports, ascending
 */
public record PortGroup(int id, String name, AccessState state, boolean preferred, Status status,
                        List<Integer> relativePortIds) {

    /**
     * The id of the implicit default group: the target ports no configured group names. It is always
     * active/optimized; neither the administrator nor SET TARGET PORT GROUPS can change it.
     */
    public static final int DEFAULT_ID = 0;

    /** True for the implicit default group. */
    public boolean isDefault() {
        return id == DEFAULT_ID;
    }

    /** STATUS CODE values (SPC-4 table "STATUS CODE field"). */
    public enum Status {
        NONE(0x00), ALTERED_BY_SET_TARGET_PORT_GROUPS(0x01), ALTERED_IMPLICITLY(0x02);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public PortGroup {
        relativePortIds = relativePortIds.stream().sorted().toList();
    }

    public PortGroup withState(AccessState newState, Status why) {
        return new PortGroup(id, name, newState, preferred, why, relativePortIds);
    }
}
