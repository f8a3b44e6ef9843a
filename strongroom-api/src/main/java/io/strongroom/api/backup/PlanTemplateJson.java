package io.strongroom.api.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.engine.backup.BackupErrors;
import io.strongroom.engine.backup.BackupPlanDocument;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.codec.json.JsonShapes;
import io.strongroom.wire.codec.json.JsonSupport;
import io.strongroom.wire.sdk.Shape;
import software.amazon.awssdk.services.backup.model.BackupPlan;
import software.amazon.awssdk.services.backup.model.BackupPlanInput;

import java.nio.charset.StandardCharsets;

/**
 * The backup plan template JSON of ExportBackupPlanTemplate and GetBackupPlanFromJSON (D123): a plan document in
 * CreateBackupPlan's {@code BackupPlan} shape ({@code BackupPlanName}, {@code Rules}, {@code AdvancedBackupSettings}),
 * written and read by the same shape walker as the wire's bodies.
 */
final class PlanTemplateJson {
    private static final Shape PLAN = Shape.of(BackupPlan.class);
    private static final Shape INPUT = Shape.of(BackupPlanInput.class);

    private PlanTemplateJson() {
    }

    /** The document without rule ids: a template makes new rules wherever it is used. */
    static String write(BackupPlanDocument document) {
        BackupPlan plan = BackupShapes.plan(document);
        BackupPlan template = plan.toBuilder().rules(plan.rules().stream()
                .map(r -> r.toBuilder().ruleId(null).build()).toList()).build();
        return new String(JsonSupport.write(g -> JsonShapes.writeStructure(g, PLAN, template)),
                StandardCharsets.UTF_8);
    }

    static BackupPlanDocument read(String json) {
        if (json == null || json.isEmpty()) {
            throw BackupErrors.missingParameter("BackupPlanTemplateJson");
        }
        JsonNode node;
        try {
            node = JsonSupport.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (ServiceException e) {
            throw invalid();
        }
        if (!node.isObject()) {
            throw invalid();
        }
        try {
            return BackupShapes.document((BackupPlanInput) JsonShapes.readStructure(INPUT, node));
        } catch (ServiceException e) { // a member of the wrong JSON type
            throw BackupErrors.invalidParameter("Invalid backup plan template JSON: " + e.getMessage());
        }
    }

    private static ServiceException invalid() {
        return BackupErrors.invalidParameter("Invalid backup plan template JSON: the template is not a JSON object.");
    }
}
