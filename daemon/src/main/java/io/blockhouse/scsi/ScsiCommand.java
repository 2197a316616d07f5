package io.blockhouse.scsi;

import io.netty.buffer.ByteBuf;

/**
 * One SCSI command as a transport delivers it to a {@link Nexus}.
 *
 * <p>{@code dataOut} holds the Data-Out the initiator sent (exactly what arrived, at most
 * {@code expectedDataTransferLength} bytes) or is null for commands without Data-Out. Ownership of {@code dataOut}
 * passes to the nexus on {@link Nexus#submit}: the SCSI layer releases it exactly once.
 *
 * @param lun                        the 8-byte LUN field as sent on the wire (SAM-5 single-level flat or peripheral
 *                                   addressing; the nexus decodes it)
 * @param cdb                        the CDB, 16 bytes or more (the transport strips padding only if it knows better)
 * @param expectedDataTransferLength EDTL from the transport
 * @param read                       the transport's R bit
 * @param write                      the transport's W bit
 * @param attribute                  task attribute
 * @param taskTag                    initiator task tag, unique among the nexus's outstanding tasks
 * @param dataOut                    Data-Out payload or null
 */
public record ScsiCommand(long lun, byte[] cdb, int expectedDataTransferLength, boolean read, boolean write,
                          TaskAttribute attribute, long taskTag, ByteBuf dataOut) {
}
