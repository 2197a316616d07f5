/**
 * iSCSI PDUs on the wire (RFC 7143 section 11): {@link io.blockhouse.iscsi.pdu.IscsiFrameDecoder} frames bytes into
 * typed, reference-counted PDUs (one final class per opcode) and checks digests and segment limits;
 * {@link io.blockhouse.iscsi.pdu.PduEncoder} writes target PDUs as header, data segment (never copied) and
 * padding/digest buffers. Protocol decisions live in the login and session packages.
 */
package io.blockhouse.iscsi.pdu;
