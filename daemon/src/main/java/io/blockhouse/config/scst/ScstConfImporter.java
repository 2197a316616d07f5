package io.blockhouse.config.scst;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the {@code /etc/scst.conf} that {@code scstadmin -write_config} writes (as ESOS keeps it) into a Blockhouse
 * configuration. vdisk_fileio/blockio/nullio devices, the iSCSI target driver with its targets, LUNs, initiator
 * groups, CHAP accounts and ALUA device/target groups carry over; what has no Blockhouse equivalent is dropped with
 * a warning naming its line.
 * The result is validated exactly as the daemon validates a configuration file, so an import either yields a
 * configuration the daemon accepts or fails with an error naming the offending line.
 */
public final class ScstConfImporter {

    private static final Pattern PROBLEM_PATH = Pattern.compile("^([^:\\s]+): (.*)$", Pattern.DOTALL);

    private ScstConfImporter() {
    }

    /**
     * @param text       the contents of scst.conf
     * @param sourceName names the file in errors, e.g. "/etc/scst.conf"
     */
    public static ImportResult importConf(String text, String sourceName) throws ScstConfException {
        ImportContext context = new ImportContext(sourceName);
        List<ScstNode> entries = new ScstConfParser(sourceName).parse(text);
        DeviceImporter devices = new DeviceImporter(context);
        IscsiParameters iscsi = new IscsiParameters(context);
        TargetImporter targets = new TargetImporter(context, devices, iscsi);
        // Devices first: LUNs may refer to devices of HANDLER sections written after the TARGET_DRIVER.
        for (ScstNode entry : entries) {
            if (entry.keyword().equals("HANDLER")) {
                devices.importHandler(requireSection(context, entry));
            }
        }
        for (ScstNode entry : entries) {
            switch (entry.keyword()) {
                case "HANDLER" -> {
                    // imported above
                }
                case "TARGET_DRIVER" -> importDriver(context, targets, requireSection(context, entry));
                case "DEVICE_GROUP" -> {
                    // imported below, once every target is known
                }
                case "TARGET_GROUP" -> context.warn(entry, "TARGET_GROUP " + entry.joinedValues()
                        + " dropped: outside a DEVICE_GROUP it has no meaning");
                default -> context.dropped(entry, "");
            }
        }
        AluaImporter alua = new AluaImporter(context);
        for (ScstNode entry : entries) {
            if (entry.keyword().equals("DEVICE_GROUP")) {
                alua.importDeviceGroup(requireSection(context, entry), targets.targets());
            }
        }
        BlockhouseConfig config = new BlockhouseConfig(iscsi.build(), null, targets.discoveryChap(),
                devices.devices(), targets.targets()).withAlua(alua.alua());
        List<ImportWarning> warnings = new ArrayList<>(context.warnings());
        warnings.sort(Comparator.comparingInt(ImportWarning::line));
        return new ImportResult(validated(config, context, sourceName), warnings);
    }

    private static void importDriver(ImportContext context, TargetImporter targets, ScstNode driver)
            throws ScstConfException {
        if (driver.value().equals("iscsi")) {
            targets.importIscsiDriver(driver);
        } else {
            context.warn(driver, "TARGET_DRIVER " + driver.value() + " dropped: Blockhouse serves iSCSI only");
        }
    }

    private static ScstNode requireSection(ImportContext context, ScstNode entry) throws ScstConfException {
        if (entry.values().size() != 1) {
            throw context.error(entry, entry.values().isEmpty() ? 0 : 1, entry.keyword() + " takes exactly one name");
        }
        if (!entry.section()) {
            throw context.error(entry, 0, entry.keyword() + " " + entry.value() + " must open a section with '{'");
        }
        return entry;
    }

    /**
     * Runs the daemon's own validation on the JSON form. The importers check what they can with precise positions;
     * this catches every remaining rule (secret lengths, ranges...) and points the error at the line the offending
     * element came from.
     */
    private static BlockhouseConfig validated(BlockhouseConfig config, ImportContext context, String sourceName)
            throws ScstConfException {
        try {
            return ConfigLoader.parse(ConfigLoader.toJson(config), sourceName + " (imported)");
        } catch (ConfigException e) {
            String problem = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0);
            Matcher m = PROBLEM_PATH.matcher(problem);
            int[] at = m.matches() ? context.originOf(m.group(1)) : null;
            String more = e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more: "
                    + String.join("; ", e.problems().subList(1, e.problems().size())) + ")" : "";
            if (at == null) {
                throw context.error(1, 1, "the imported configuration is not valid: " + problem + more);
            }
            throw context.error(at[0], at[1], "cannot be imported: " + problem + more);
        }
    }
}
