/**
 * Integration test harness and black-box tests for the packaged daemon.
 *
 * <ul>
 *   <li>{@link io.blockhouse.it.DaemonProcess} runs the daemon jar (system property {@code blockhouse.jar}, set by
 *       failsafe) in its own JVM; {@link io.blockhouse.it.DaemonConfig} writes its configuration.</li>
 *   <li>{@link io.blockhouse.it.DataDigestScenarios} and {@link io.blockhouse.it.HostileScenarios} hold the checks;
 *       the {@code *IT} classes run them against Blockhouse, and {@code io.blockhouse.it.tgt} runs the same checks
 *       against Debian's tgtd to prove them.</li>
 *   <li>{@link io.blockhouse.it.External} skips a test when an external tool is missing, or fails it when
 *       {@code -Dblockhouse.requireExternal=true}.</li>
 * </ul>
 *
 * <p>Run the daemon ITs with {@code mvn -o verify -pl daemon -am}; the tgt proofs with
 * {@code mvn -o verify -pl daemon -am -Dit.test='*AgainstTgtIT'}.
 */
package io.blockhouse.it;
