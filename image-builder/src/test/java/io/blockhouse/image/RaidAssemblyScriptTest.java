package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot script's {@code assemble_raid} (rootfs/usr/lib/blockhouse/common.sh) on the build host, with an
 * {@code mdadm} of this test that answers {@code --examine --scan} like mdadm 4.2 and records each assemble call with
 * the configuration it was given: every array is asked for under the number its superblock name carries, whatever
 * host made it; a second array asking for the same device is left to the auto-assembly pass. (The real mdadm is
 * exercised in the guest by ApplianceLifecycleIT.)
 */
class RaidAssemblyScriptTest {

    static final Path COMMON = Path.of("src", "main", "rootfs", "usr", "lib", "blockhouse", "common.sh")
            .toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void arraysAreAskedForUnderTheNumberInTheirName() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("mdadm.log");
        Path mdadm = bin.resolve("mdadm");
        Files.writeString(mdadm, """
                #!/bin/sh
                echo "mdadm $*" >>"%s"
                for a in "$@"; do
                    case "$a" in --config=*) cat "${a#--config=}" >>"%s" ;; esac
                done
                if [ "$1" = --examine ]; then
                    echo "ARRAY /dev/md/7  metadata=1.2 UUID=11111111:22222222:33333333:44444444 name=elsewhere:7"
                    echo "ARRAY /dev/md/0  metadata=1.2 UUID=55555555:66666666:77777777:88888888 name=blockhouse:md0"
                    echo "ARRAY /dev/md/data  metadata=1.2 UUID=99999999:aaaaaaaa:bbbbbbbb:cccccccc name=old:data"
                    echo "ARRAY /dev/md/7  metadata=1.2 UUID=dddddddd:eeeeeeee:ffffffff:00000000 name=other:7"
                fi
                exit 0
                """.formatted(log, log));
        Files.setPosixFilePermissions(mdadm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = tmp.resolve("state");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", ". \"$COMMON\" && assemble_raid");
        pb.environment().put("COMMON", COMMON.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("BLOCKHOUSE_STATE_DIR", state.toString());
        pb.environment().put("BLOCKHOUSE_HOST_TEST", "1");
        pb.environment().put("BLOCKHOUSE_MD_DEVICES", "/dev/loop6 /dev/loop7");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        assertEquals("""
                DEVICE /dev/loop6 /dev/loop7
                ARRAY /dev/md7 UUID=11111111:22222222:33333333:44444444
                ARRAY /dev/md0 UUID=55555555:66666666:77777777:88888888
                ARRAY /dev/md/data UUID=99999999:aaaaaaaa:bbbbbbbb:cccccccc
                """, Files.readString(state.resolve("mdadm.conf")));
        List<String> calls = Files.readAllLines(log).stream().filter(l -> l.startsWith("mdadm ")).toList();
        assertEquals(List.of(
                "mdadm --examine --scan --config=" + state.resolve("mdadm-devices.conf"),
                "mdadm --assemble --scan --config=" + state.resolve("mdadm.conf"),
                "mdadm --assemble --scan --homehost=any --config=" + state.resolve("mdadm-devices.conf")), calls);
    }
}
