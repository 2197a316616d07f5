package io.blockhouse.it.realinit;

import io.blockhouse.kernel.testing.Commands;
import java.io.IOException;
import java.nio.file.Path;

/** QEMU's iSCSI driver driven through {@code qemu-img}: the image-opts string for a LUN and the two copy directions. */
final class QemuImg {

    private QemuImg() {
    }

    /** {@code driver=iscsi,...} options for LUN {@code lun} of {@code target} at 127.0.0.1:{@code port}. */
    static String imageOpts(int port, String target, int lun, boolean headerDigest) {
        return "driver=iscsi,transport=tcp,portal=127.0.0.1:" + port + ",target=" + target + ",lun=" + lun
                + ",header-digest=" + (headerDigest ? "crc32c" : "none");
    }

    /** Copies a raw file onto the LUN (which must be at least as large). */
    static void upload(Path source, String targetOpts) throws IOException {
        Commands.check("qemu-img", "convert", "-n", "-f", "raw", source.toString(), "--target-image-opts",
                targetOpts);
    }

    /** Copies the whole LUN into a new raw file. */
    static void download(String sourceOpts, Path destination) throws IOException {
        Commands.check("qemu-img", "convert", "--image-opts", sourceOpts, "-O", "raw", destination.toString());
    }
}
