package io.strongroom.engine.cloudtrail.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.engine.cloudtrail.TrailEvent;
import io.strongroom.engine.cloudtrail.TrailResource;
import io.strongroom.json.JsonCodec;
import io.strongroom.engine.identity.Principal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Renders an event as the CloudTrail record JSON (the {@code CloudTrailEvent} string of LookupEvents). */
public final class CloudTrailEventJson {
    private CloudTrailEventJson() {
    }

    public static String render(TrailEvent e) {
        ObjectNode root = JsonCodec.MAPPER.createObjectNode();
        root.put("eventVersion", "1.11");
        root.set("userIdentity", userIdentity(e));
        root.put("eventTime", isoSeconds(e.eventTime()));
        root.put("eventSource", e.eventSource());
        root.put("eventName", e.eventName());
        root.put("awsRegion", e.awsRegion());
        root.put("sourceIPAddress", e.sourceIpAddress());
        root.put("userAgent", e.userAgent());
        if (e.errorCode() != null) {
            root.put("errorCode", e.errorCode());
            root.put("errorMessage", e.errorMessage());
        }
        if (TrailEvent.SERVICE_EVENT.equals(e.eventType())) {
            // A service's own event carries its details where a call would carry its request and response.
            root.putNull("requestParameters");
            root.putNull("responseElements");
            root.set("serviceEventDetails", JsonCodec.MAPPER.valueToTree(e.responseElements()));
        } else {
            root.set("requestParameters", JsonCodec.MAPPER.valueToTree(e.requestParameters()));
            root.set("responseElements", JsonCodec.MAPPER.valueToTree(e.responseElements()));
        }
        root.put("requestID", e.requestId());
        root.put("eventID", e.eventId());
        root.put("readOnly", e.readOnly());
        if (!e.resources().isEmpty()) {
            ArrayNode resources = root.putArray("resources");
            for (TrailResource r : e.resources()) {
                ObjectNode node = resources.addObject();
                node.put("accountId", r.accountId());
                node.put("type", r.type());
                node.put("ARN", r.arn());
            }
        }
        root.put("eventType", e.eventType());
        root.put("managementEvent", true);
        root.put("recipientAccountId", e.recipientAccountId());
        root.put("eventCategory", "Management");
        try {
            return JsonCodec.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ObjectNode userIdentity(TrailEvent e) {
        ObjectNode id = JsonCodec.MAPPER.createObjectNode();
        Principal p = e.principal();
        if (p == null) {
            id.put("accountId", e.recipientAccountId());
            id.put("invokedBy", e.invokedBy());
            return id;
        }
        id.put("type", p.type().trailName());
        id.put("principalId", p.principalId());
        id.put("arn", p.arn());
        id.put("accountId", p.accountId());
        if (p.accessKeyId() != null) {
            id.put("accessKeyId", p.accessKeyId());
        }
        if (p.userName() != null && p.sessionIssuer() == null) {
            id.put("userName", p.userName());
        }
        if (p.sessionCreated() != null) {
            ObjectNode context = id.putObject("sessionContext");
            if (p.roleSession() != null) {
                ObjectNode issuer = context.putObject("sessionIssuer");
                issuer.put("type", "Role");
                issuer.put("principalId", p.roleSession().roleId());
                issuer.put("arn", p.roleSession().roleArn());
                issuer.put("accountId", p.accountId());
                issuer.put("userName", p.roleSession().roleName());
                if (p.roleSession().sourceIdentity() != null) {
                    context.put("sourceIdentity", p.roleSession().sourceIdentity());
                }
            } else {
                // GetSessionToken credentials: the session is issued by the user (or root) itself.
                ObjectNode issuer = context.putObject("sessionIssuer");
                issuer.put("type", p.isRoot() ? "Root" : "IAMUser");
                issuer.put("principalId", p.principalId());
                issuer.put("arn", p.arn());
                issuer.put("accountId", p.accountId());
                if (p.userName() != null) {
                    issuer.put("userName", p.userName());
                }
            }
            ObjectNode attributes = context.putObject("attributes");
            attributes.put("creationDate", isoSeconds(p.sessionCreated()));
            attributes.put("mfaAuthenticated", Boolean.toString(p.mfaAuthenticated()));
        }
        if (e.invokedBy() != null) {
            id.put("invokedBy", e.invokedBy());
        }
        return id;
    }

    private static String isoSeconds(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
