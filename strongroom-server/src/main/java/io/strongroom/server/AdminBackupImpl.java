package io.strongroom.server;

import io.strongroom.engine.backup.SelectionService;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.server.admin.AdminApi;
import io.strongroom.storage.Store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin API's AWS Backup extension over the selection engine, in read transactions. */
final class AdminBackupImpl implements AdminApi.AdminBackup {
    private final Store store;
    private final SelectionService selections;

    AdminBackupImpl(Store store, SelectionService selections) {
        this.store = store;
        this.selections = selections;
    }

    @Override
    public Object protection(String accountId, String region, String resourceArn) {
        List<SelectionService.Explanation> verdicts = store.read(tx -> selections.explain(tx, accountId, region,
                resourceArn));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("resourceArn", resourceArn);
        answer.put("protected", verdicts.stream().anyMatch(SelectionService.Explanation::selected));
        answer.put("selections", verdicts);
        return answer;
    }

    @Override
    public List<String> selectedResources(String accountId, String region, String planId, String selectionId) {
        return store.read(tx -> selections.selectedResources(tx, accountId, region, planId, selectionId)).stream()
                .map(ProtectedResource::arn).toList();
    }
}
