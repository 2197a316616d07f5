package io.blockhouse.scsi;

import java.io.IOException;

/** Thin provisioning over the RAM back-end (release = zero fill). */
class RamThinProvisioningTest extends ThinProvisioningContract {
    @Override
    BackendHarness harness() throws IOException {
        return BackendHarness.ram(BLOCKS * 512);
    }
}
