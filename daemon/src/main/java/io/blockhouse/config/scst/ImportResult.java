package io.blockhouse.config.scst;

import io.blockhouse.config.BlockhouseConfig;
import java.util.List;

/**
 * An imported configuration, already validated as the daemon would, and what could not be carried over.
 */
public record ImportResult(BlockhouseConfig config, List<ImportWarning> warnings) {

    public ImportResult {
        warnings = List.copyOf(warnings);
    }
}
