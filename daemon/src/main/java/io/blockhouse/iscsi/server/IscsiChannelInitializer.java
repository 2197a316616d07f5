package io.blockhouse.iscsi.server;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.iscsi.login.LoginHandler;
import io.blockhouse.iscsi.pdu.IscsiFrameDecoder;
import io.blockhouse.iscsi.pdu.PduEncoder;
import io.blockhouse.iscsi.session.SessionRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.security.SecureRandom;

/**
 * Builds a connection's pipeline: {@code frame-decoder} (bytes to PDUs), {@code pdu-encoder} (PDUs to bytes) and
 * {@code login}, which replaces itself by {@code session} when the connection reaches full feature phase.
 */
public final class IscsiChannelInitializer extends ChannelInitializer<Channel> {
    public static final String FRAME_DECODER = "frame-decoder";
    public static final String PDU_ENCODER = "pdu-encoder";
    public static final String LOGIN = "login";

    private final TargetCatalog catalog;
    private final IscsiSettings settings;
    private final SessionRegistry registry;
    private final SecureRandom random;

    public IscsiChannelInitializer(TargetCatalog catalog, IscsiSettings settings, SessionRegistry registry,
                                   SecureRandom random) {
        this.catalog = catalog;
        this.settings = settings;
        this.registry = registry;
        this.random = random;
    }

    @Override
    protected void initChannel(Channel ch) {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.onHeaderDigestError(registry.counters()::headerDigestError);
        ch.pipeline()
                .addLast(FRAME_DECODER, decoder)
                .addLast(PDU_ENCODER, new PduEncoder())
                .addLast(LOGIN, new LoginHandler(catalog, settings, registry, random));
    }
}
