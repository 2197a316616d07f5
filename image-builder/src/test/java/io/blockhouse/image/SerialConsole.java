package io.blockhouse.image;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's serial console (ttyS0), reached through the Unix socket qemu serves it on. Everything the guest
 * prints is kept (and copied to a log file) so a test can wait for a pattern and the log shows what happened.
 */
final class SerialConsole implements AutoCloseable {

    private final SocketChannel channel;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;
    private final java.io.Writer log;
    private int searchFrom;

    private SerialConsole(SocketChannel channel, Path logFile) throws IOException {
        this.channel = channel;
        this.log = java.nio.file.Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        this.reader = new Thread(this::readLoop, "serial-" + logFile.getFileName());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to qemu's serial socket, retrying while qemu creates it. */
    static SerialConsole connect(Path socket, Path logFile, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return new SerialConsole(ch, logFile);
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("qemu serial socket " + socket + " did not open", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buf) >= 0) {
                buf.flip();
                String text = StandardCharsets.ISO_8859_1.decode(buf).toString();
                buf.clear();
                synchronized (output) {
                    output.append(text);
                    output.notifyAll();
                }
                log.write(text);
                log.flush();
            }
        } catch (IOException e) {
            // the guest or qemu went away: waiters time out and report what they saw
        }
    }

    /** Sends one line (a shell command) to the guest. */
    void send(String line) throws IOException {
        type(line + "\n");
    }

    /** Sends keys as they are (no newline): key presses for the console TUI. */
    void type(String keys) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * Waits for the console TUI's main screen on this serial line (it starts there after boot), then leaves it for
     * the root shell behind it the way an operator does: q, then Tab to "Yes" and Enter.
     */
    void leaveConsoleForShell(Duration timeout) throws IOException, InterruptedException {
        awaitConsoleMainScreen(timeout);
        quitConsole();
    }

    /** Quits the console TUI whose main screen is showing (q, Tab to "Yes", Enter) and waits for the shell. */
    void quitConsole() throws IOException, InterruptedException {
        type("q");
        awaitScreen("Leave the console", Duration.ofSeconds(60));
        type("\t");
        Thread.sleep(300);
        type("\r");
        await("blockhouse# ", Duration.ofSeconds(60));
    }

    /**
     * Waits until the console TUI has drawn its main screen, from the targets header to the alerts line (its last
     * line), and returns the text drawn since the previous match with the terminal's escape sequences removed.
     * Lanterna moves the cursor over cells that do not change, so the text is matched without them.
     */
    String awaitConsoleMainScreen(Duration timeout) throws InterruptedException {
        return awaitScreen("(?s)TARGETS.*(Alerts: none|ALERTS \\()", timeout);
    }

    /** As {@link #await} on the screen text (escape sequences removed); returns that text. */
    String awaitScreen(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                String text = output.substring(searchFrom).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", " ")
                        .replaceAll(" +", " ");
                if (pattern.matcher(text).find()) {
                    searchFrom = output.length();
                    return text;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("serial console: no /" + regex + "/ on the screen within " + timeout
                            + "; last output (escape sequences removed):\n"
                            + text.substring(Math.max(0, text.length() - 3000)));
                }
                output.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Waits until the output after the previous match contains {@code regex}; returns the match and moves past it.
     *
     * @throws AssertionError with the tail of the output when it does not come in time
     */
    Matcher await(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                Matcher m = pattern.matcher(output);
                if (m.find(searchFrom)) {
                    searchFrom = m.end();
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    int from = Math.max(0, output.length() - 3000);
                    throw new AssertionError("serial console: no /" + regex + "/ within " + timeout
                            + "; last output:\n" + output.substring(from));
                }
                output.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Runs a shell command and returns what it printed between two unique markers. */
    String run(String command, Duration timeout) throws IOException, InterruptedException {
        String marker = "M" + Long.toHexString(System.nanoTime());
        // The markers are split in the command so that the echo of the command line itself does not match.
        send("echo " + marker.substring(0, 3) + "''" + marker.substring(3) + "-begin; " + command
                + "; echo " + marker.substring(0, 3) + "''" + marker.substring(3) + "-end=$?");
        Matcher m = await("(?s)" + marker + "-begin\\r?\\n(.*?)" + marker + "-end=(\\d+)", timeout);
        if (!"0".equals(m.group(2))) {
            throw new AssertionError("guest command failed (exit " + m.group(2) + "): " + command + "\n" + m.group(1));
        }
        return m.group(1);
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
