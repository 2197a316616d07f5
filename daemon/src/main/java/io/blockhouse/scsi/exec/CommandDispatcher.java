package io.blockhouse.scsi.exec;

import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the processor for a CDB by opcode, and by service action for opcodes that have them. */
public final class CommandDispatcher {
    private final Map<Integer, CommandProcessor> byKey = new HashMap<>();
    private final Set<Integer> serviceActionOpcodes = new HashSet<>();
    private final List<CommandDescriptor> descriptors = new ArrayList<>();

    public CommandDispatcher(List<CommandProcessor> processors) {
        for (CommandProcessor p : processors) {
            for (CommandDescriptor d : p.descriptors()) {
                if (d.hasServiceAction()) {
                    serviceActionOpcodes.add(d.opcode());
                }
                if (byKey.put(key(d.opcode(), Math.max(d.serviceAction(), 0)), p) != null) {
                    throw new IllegalArgumentException("duplicate command " + d);
                }
                descriptors.add(d);
            }
        }
        descriptors.sort((a, b) -> a.opcode() != b.opcode() ? Integer.compare(a.opcode(), b.opcode())
                : Integer.compare(a.serviceAction(), b.serviceAction()));
    }

    private static int key(int opcode, int serviceAction) {
        return (opcode << 8) | serviceAction;
    }

    /**
     * The processor for {@code cdb}: INVALID COMMAND OPERATION CODE for unknown opcodes, INVALID FIELD IN CDB
     * (pointing at the SERVICE ACTION field) for unknown service actions of a known opcode.
     */
    public CommandProcessor lookup(byte[] cdb) throws SenseException {
        int opcode = cdb[0] & 0xFF;
        if (serviceActionOpcodes.contains(opcode)) {
            CommandProcessor p = byKey.get(key(opcode, cdb[1] & 0x1F));
            if (p == null) {
                throw SenseException.invalidFieldInCdb(1, 4);
            }
            return p;
        }
        CommandProcessor p = byKey.get(key(opcode, 0));
        if (p == null) {
            throw SenseException.of(SenseCodes.INVALID_COMMAND_OPERATION_CODE);
        }
        return p;
    }

    /** The processor serving a descriptor of this dispatcher. */
    public CommandProcessor processorOf(CommandDescriptor d) {
        return byKey.get(key(d.opcode(), Math.max(d.serviceAction(), 0)));
    }

    /** Every supported command, ordered by opcode then service action. */
    public List<CommandDescriptor> descriptors() {
        return Collections.unmodifiableList(descriptors);
    }

    public boolean hasServiceActions(int opcode) {
        return serviceActionOpcodes.contains(opcode);
    }

    /** The descriptor for an opcode (serviceAction ignored unless the opcode has service actions), or null. */
    public CommandDescriptor find(int opcode, int serviceAction) {
        boolean sa = serviceActionOpcodes.contains(opcode);
        for (CommandDescriptor d : descriptors) {
            if (d.opcode() == opcode && (!sa || d.serviceAction() == serviceAction)) {
                return d;
            }
        }
        return null;
    }
}
