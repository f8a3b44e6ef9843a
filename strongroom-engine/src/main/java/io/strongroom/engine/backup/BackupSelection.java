package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;

/**
 * A resource assignment of a plan: which resources of the plan's account and Region its rules back up, with the
 * role the jobs run as. There is no update: AWS replaces a selection by delete and create.
 */
public record BackupSelection(String accountId, String region, String planId, String selectionId, String name,
                              String iamRoleArn, List<String> resources, List<String> notResources,
                              List<TagCondition> listOfTags, SelectionConditions conditions, Instant created,
                              String creatorRequestId) {
    public BackupSelection {
        resources = resources == null ? List.of() : List.copyOf(resources);
        notResources = notResources == null ? List.of() : List.copyOf(notResources);
        listOfTags = listOfTags == null ? List.of() : List.copyOf(listOfTags);
        conditions = conditions == null ? SelectionConditions.NONE : conditions;
    }
}
