package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.MailConfig;
import io.blockhouse.config.SystemConfigValidator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Mail alerts: the SMTP relay in the model, and a test mail through it. Storing the relay changes only the model,
 * so it works on any host; the test mail really goes to the relay.
 *
 * <pre>
 * GET  /v1/host/mail        {MailConfig} or {} when none is set
 * PUT  /v1/host/mail        {"relayHost", "relayPort", "from", "to": [...]}
 * POST /v1/host/mail/test   sends a test message through the stored relay -&gt; {"sent": true, "to": [...]}
 * </pre>
 */
final class MailAlerts {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final SystemSettings settings;
    private final SmtpClient smtp;

    MailAlerts(SystemSettings settings, SmtpClient smtp) {
        this.settings = settings;
        this.smtp = smtp;
    }

    Object route(String method, String[] p, Supplier<JsonNode> body) throws HostException {
        String key = method + " " + (p.length > 4 ? p[4] : "") + (p.length > 5 ? "/" : "");
        switch (key) {
            case "GET " -> {
                MailConfig m = settings.current().mail();
                return m == null ? JSON.createObjectNode() : JSON.valueToTree(m);
            }
            case "PUT " -> {
                MailConfig next;
                try {
                    next = JSON.treeToValue(body.get(), MailConfig.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw HostException.invalid("invalid_request", "mail: " + e.getOriginalMessage());
                }
                List<String> problems = SystemConfigValidator.problems(settings.current().withMail(next));
                if (!problems.isEmpty()) {
                    throw HostException.invalid("invalid_config", String.join("; ", problems));
                }
                long g = settings.update("mail relay " + next.relayHost(), s -> s.withMail(next));
                return JSON.createObjectNode().put("generation", g).put("summary", "mail relay " + next.relayHost());
            }
            case "POST test" -> {
                MailConfig m = settings.current().mail();
                if (m == null) {
                    throw HostException.conflict("mail_not_set", "mail: set the relay first (PUT /v1/host/mail)");
                }
                smtp.send(m, "Blockhouse test mail", "This is a test mail from the Blockhouse appliance.\n"
                        + "Alerts will reach these recipients through " + m.relayHost() + ".\n");
                ObjectNode n = JSON.createObjectNode().put("sent", true);
                m.to().forEach(n.putArray("to")::add);
                return n;
            }
            default -> throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " ("
                    + method + ") is not a mail resource");
        }
    }
}
