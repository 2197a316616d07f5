package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class KernelTest {

    @Test
    void onlyLinuxX8664IsSupported() {
        assertNull(Kernel.unsupportedPlatform("Linux", "amd64"));
        assertEquals("kernel-glue supports Linux x86_64 only, this JVM runs on Linux/aarch64",
                Kernel.unsupportedPlatform("Linux", "aarch64"));
        assertEquals("kernel-glue supports Linux x86_64 only, this JVM runs on Mac OS X/x86_64",
                Kernel.unsupportedPlatform("Mac OS X", "x86_64"));
    }

    @Test
    void strerrorTextComesFromTheCLibrary() {
        assertEquals("Permission denied", Errno.describe(Errno.EACCES));
        assertEquals("Inappropriate ioctl for device", Errno.describe(Errno.ENOTTY));
        assertEquals("Unknown error 4242", Errno.describe(4242));
    }
}
