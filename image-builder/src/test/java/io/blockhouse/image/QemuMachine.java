package io.blockhouse.image;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One qemu (TCG) virtual machine that boots the appliance image as a USB stick on an xHCI controller, with 1 GiB of
 * RAM, a virtio NIC whose guest port 3260 is forwarded to a free host port, and the serial console on a Unix socket.
 */
final class QemuMachine implements AutoCloseable {

    /** How the virtual machine starts the stick. */
    enum Firmware { BIOS, UEFI }

    static final String OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    static final String OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    private final Process process;
    private final SerialConsole console;
    private final int iscsiPort;
    private final long startedNanos;

    private QemuMachine(Process process, SerialConsole console, int iscsiPort, long startedNanos) {
        this.process = process;
        this.console = console;
        this.iscsiPort = iscsiPort;
        this.startedNanos = startedNanos;
    }

    /**
     * Boots {@code disk} (a raw image the machine may write to). {@code workDir} receives the serial socket, the
     * console log and the UEFI variable store.
     */
    static QemuMachine boot(Path disk, Firmware firmware, Path workDir, String name)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int port = freePort();
        Path socket = workDir.resolve(name + ".serial");
        Files.deleteIfExists(socket);
        List<String> cmd = new ArrayList<>(List.of(
                "qemu-system-x86_64", "-machine", "q35", "-m", "1024", "-smp", "2", "-display", "none",
                "-no-reboot", "-no-user-config", "-nodefaults",
                "-device", "qemu-xhci,id=xhci",
                "-drive", "if=none,id=stick,format=raw,file=" + disk,
                "-device", "usb-storage,bus=xhci.0,drive=stick,removable=on,bootindex=0",
                "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:" + port + "-:3260",
                "-device", "virtio-net-pci,netdev=n0,romfile=",
                "-serial", "unix:" + socket + ",server=on,wait=off"));
        if (firmware == Firmware.UEFI) {
            Path vars = workDir.resolve(name + ".OVMF_VARS.fd");
            Files.copy(Path.of(OVMF_VARS), vars, StandardCopyOption.REPLACE_EXISTING);
            cmd.addAll(List.of(
                    "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        }
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".qemu.log").toFile()).start();
        try {
            SerialConsole console = SerialConsole.connect(socket, workDir.resolve(name + ".console.log"),
                    Duration.ofSeconds(30));
            return new QemuMachine(p, console, port, started);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    SerialConsole console() {
        return console;
    }

    /** The host port forwarded to the guest's iSCSI portal. */
    int iscsiPort() {
        return iscsiPort;
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits for qemu to exit by itself (the guest rebooted or powered off: -no-reboot makes both an exit). */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Pulls the plug: qemu is killed at once, the guest gets no chance to flush anything. */
    void powerCut() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        try {
            powerCut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console.close();
    }
}
