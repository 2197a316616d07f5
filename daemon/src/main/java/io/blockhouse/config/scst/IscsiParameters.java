package io.blockhouse.config.scst;

import io.blockhouse.config.IscsiConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the per-target iSCSI parameters of scst.conf into Blockhouse's one global {@code iscsi} section. The
 * first target to set a parameter decides it; a later target that disagrees is a warning, because its initiators
 * will negotiate from the global value instead.
 */
final class IscsiParameters {

    /** What one setting became: the Blockhouse field name, its value, and where it was set. */
    private record Setting(Object value, ScstNode node, String target) {
    }

    private final ImportContext context;
    private final Map<String, Setting> settings = new HashMap<>();

    IscsiParameters(ImportContext context) {
        this.context = context;
    }

    /**
     * Takes the attribute if it is an iSCSI parameter Blockhouse has; returns false when it is not one.
     */
    boolean offer(ScstNode attr, String target) throws ScstConfException {
        String key = attr.keyword().toLowerCase(Locale.ROOT);
        switch (key) {
            case "maxrecvdatasegmentlength" -> set("maxRecvDataSegmentLength", intValue(attr), attr, target);
            case "maxburstlength" -> set("maxBurstLength", intValue(attr), attr, target);
            case "firstburstlength" -> set("firstBurstLength", intValue(attr), attr, target);
            case "maxoutstandingr2t" -> set("maxOutstandingR2T", intValue(attr), attr, target);
            case "queuedcommands" -> set("queueDepth", intValue(attr), attr, target);
            case "nopininterval" -> set("nopInIntervalSeconds", intValue(attr), attr, target);
            case "nopintimeout" -> set("nopInTimeoutSeconds", intValue(attr), attr, target);
            case "initialr2t" -> set("initialR2T", context.yesNo(attr), attr, target);
            case "immediatedata" -> set("immediateData", context.yesNo(attr), attr, target);
            case "headerdigest" -> set("headerDigest", digest(attr), attr, target);
            case "datadigest" -> set("dataDigest", digest(attr), attr, target);
            default -> {
                return false;
            }
        }
        return true;
    }

    private int intValue(ScstNode attr) throws ScstConfException {
        return context.bounded(attr, 0, Integer.MAX_VALUE);
    }

    /** Whether CRC32C may be negotiated, from a list such as "CRC32C,None". */
    private boolean digest(ScstNode attr) throws ScstConfException {
        boolean crc = false;
        boolean none = false;
        for (String item : context.single(attr).split(",")) {
            switch (item.trim().toLowerCase(Locale.ROOT)) {
                case "crc32c" -> crc = true;
                case "none" -> none = true;
                default -> throw context.error(attr, 0, attr.keyword() + ": unknown digest \"" + item.trim()
                        + "\" (expected CRC32C and/or None)");
            }
        }
        if (crc && !none) {
            context.warn(attr, attr.keyword() + " CRC32C: SCST requires the digest, Blockhouse offers it and also"
                    + " accepts None");
        }
        return crc;
    }

    private void set(String field, Object value, ScstNode attr, String target) {
        Setting earlier = settings.get(field);
        if (earlier == null) {
            settings.put(field, new Setting(value, attr, target));
            context.origin("iscsi." + field, attr, 0);
        } else if (!earlier.value().equals(value)) {
            context.warn(attr, attr.keyword() + " " + attr.value() + " of target " + target + " differs from "
                    + earlier.value() + " set by target " + earlier.target() + " on line " + earlier.node().line()
                    + "; Blockhouse has one global value and keeps the first");
        }
    }

    private Integer integer(String field) {
        Setting s = settings.get(field);
        return s == null ? null : (Integer) s.value();
    }

    private Boolean bool(String field) {
        Setting s = settings.get(field);
        return s == null ? null : (Boolean) s.value();
    }

    IscsiConfig build() {
        return new IscsiConfig(integer("queueDepth"), integer("maxRecvDataSegmentLength"), integer("maxBurstLength"),
                integer("firstBurstLength"), bool("immediateData"), bool("initialR2T"), integer("maxOutstandingR2T"),
                bool("headerDigest"), bool("dataDigest"), integer("nopInIntervalSeconds"),
                integer("nopInTimeoutSeconds"), null);
    }
}
