package io.blockhouse.daemon;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.scst.ImportResult;
import io.blockhouse.config.scst.ImportWarning;
import io.blockhouse.config.scst.ScstConfException;
import io.blockhouse.config.scst.ScstConfImporter;
import io.blockhouse.mgmt.ConfigService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects {@link ScstConfImporter} to the management plane ({@code blockhouse config import --scst FILE}): a syntax
 * error becomes a refused configuration naming line and column; what the importer dropped is logged line by line.
 */
final class ScstImport implements ConfigService.ForeignImporter {

    private static final Logger log = LoggerFactory.getLogger(ScstImport.class);

    @Override
    public BlockhouseConfig importText(String text, String source) throws ConfigException {
        ImportResult result;
        try {
            result = ScstConfImporter.importConf(text, source);
        } catch (ScstConfException e) {
            throw new ConfigException(source, List.of(e.getMessage()));
        }
        for (ImportWarning warning : result.warnings()) {
            log.warn("scst.conf import {}: {}", source, warning);
        }
        return result.config();
    }
}
