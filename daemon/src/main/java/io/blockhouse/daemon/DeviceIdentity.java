package io.blockhouse.daemon;

import io.blockhouse.config.DeviceConfig;
import io.blockhouse.scsi.LogicalUnitSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a device's configuration into the identity its logical unit reports: the configured serial and NAA id, or
 * values derived from the installation's identity and the device name, stable across restarts.
 */
final class DeviceIdentity {

    private DeviceIdentity() {
    }

    static LogicalUnitSpec spec(DeviceConfig d, String instanceId) {
        String serial = d.serial() != null ? d.serial() : deriveSerial(instanceId, d.name());
        byte[] naa = d.naaId() != null ? HexFormat.of().parseHex(d.naaId().replaceFirst("^0x", ""))
                : LogicalUnitSpec.deriveNaa(instanceId + "/" + d.name());
        return new LogicalUnitSpec(d.name(), d.blockSizeOrDefault(), d.readOnlyOrDefault(), d.rotationalOrDefault(),
                !d.writeThroughOrDefault(), serial, naa, "BLKHOUSE", productFor(d.backend()), "0001",
                d.physicalBlockSizeOrDefault());
    }

    /** 16 hex digits: unique per installation and device name, printable, short enough for every initiator. */
    static String deriveSerial(String instanceId, String deviceName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((instanceId + "/" + deviceName).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String productFor(String backend) {
        return switch (backend) {
            case "file" -> "VDISK FILEIO";
            case "block" -> "VDISK BLOCKIO";
            case "null" -> "VDISK NULLIO";
            default -> "VDISK RAM";
        };
    }
}
