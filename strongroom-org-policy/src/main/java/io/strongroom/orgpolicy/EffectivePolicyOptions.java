package io.strongroom.orgpolicy;

/**
 * The one place to change the merge behaviours the spec marks [U] (sections 3.2–3.5). Defaults are the spec's
 * suggestions.
 *
 * @param containerAdditions          which child-control sets let a lower level add keys to a container (3.3)
 * @param appendSkipsPresentItems     {@code @@append} keeps the array a set, skipping items already present (3.2)
 * @param keepEmptyArrayAfterRemove   an array emptied by {@code @@remove} stays as {@code []} rather than vanishing (3.2)
 * @param omitUnvaluedKeys            keys that never received a value, and containers left empty, are not rendered (3.4)
 * @param sameLevelOrder              how mixed operators on one key at one level are applied (3.4)
 * @param lowercaseScannerKeys        scanner keys such as {@code GUARDDUTY} are emitted lower-cased (3.4)
 * @param keyRequiredPath             which path a {@code KEY_REQUIRED} error names (3.5)
 * @param selectionsNeedTagsOrResources {@code selections} without any tag or resource entry is {@code ELEMENTS_TOO_FEW} (3.5)
 * @param reportIgnoredOperations     an operation dropped by a lock is also a validation error; AWS appears not to (3.3)
 * @param explain                     build the {@link Explanation}; off saves work when only content is needed
 */
public record EffectivePolicyOptions(
        ContainerAdditions containerAdditions,
        boolean appendSkipsPresentItems,
        boolean keepEmptyArrayAfterRemove,
        boolean omitUnvaluedKeys,
        SameLevelOrder sameLevelOrder,
        boolean lowercaseScannerKeys,
        KeyRequiredPath keyRequiredPath,
        boolean selectionsNeedTagsOrResources,
        boolean reportIgnoredOperations,
        boolean explain) {

    /** When a container's allowed set permits a lower level to add a new key under it. */
    public enum ContainerAdditions {
        /** The allowed set contains {@code @@append} or {@code @@assign} (suggested). */
        APPEND_OR_ASSIGN,
        /** Only {@code @@append} opens a container, as in the documented examples. */
        APPEND_ONLY
    }

    /** Order of {@code @@assign}/{@code @@append}/{@code @@remove} on one key from several policies of one level. */
    public enum SameLevelOrder {
        /** Policy by policy in attachment order, the first {@code @@assign} of the level winning (suggested). */
        ATTACHMENT_ORDER,
        /** Every policy's {@code @@assign} first (the first one winning), then appends and removes in order. */
        ASSIGNS_FIRST
    }

    /** The {@code PathToError} of a missing required key. */
    public enum KeyRequiredPath {
        /** The element that lacks the key, e.g. {@code plans/p} for a plan without rules (suggested). */
        CONTAINER,
        /** The missing key itself, e.g. {@code plans/p/rules}. */
        MISSING_KEY
    }

    public EffectivePolicyOptions {
        if (containerAdditions == null || sameLevelOrder == null || keyRequiredPath == null) {
            throw new IllegalArgumentException("options must not hold nulls");
        }
    }

    public static EffectivePolicyOptions defaults() {
        return new EffectivePolicyOptions(ContainerAdditions.APPEND_OR_ASSIGN, true, true, true,
                SameLevelOrder.ATTACHMENT_ORDER, true, KeyRequiredPath.CONTAINER, true, false, true);
    }

    public EffectivePolicyOptions withContainerAdditions(ContainerAdditions value) {
        return new EffectivePolicyOptions(value, appendSkipsPresentItems, keepEmptyArrayAfterRemove, omitUnvaluedKeys,
                sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withAppendSkipsPresentItems(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, value, keepEmptyArrayAfterRemove, omitUnvaluedKeys,
                sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withKeepEmptyArrayAfterRemove(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, value, omitUnvaluedKeys,
                sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withOmitUnvaluedKeys(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove, value,
                sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withSameLevelOrder(SameLevelOrder value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove,
                omitUnvaluedKeys, value, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withLowercaseScannerKeys(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove,
                omitUnvaluedKeys, sameLevelOrder, value, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withKeyRequiredPath(KeyRequiredPath value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove,
                omitUnvaluedKeys, sameLevelOrder, lowercaseScannerKeys, value, selectionsNeedTagsOrResources,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withSelectionsNeedTagsOrResources(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove,
                omitUnvaluedKeys, sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, value,
                reportIgnoredOperations, explain);
    }

    public EffectivePolicyOptions withReportIgnoredOperations(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove,
                omitUnvaluedKeys, sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                value, explain);
    }

    public EffectivePolicyOptions withExplain(boolean value) {
        return new EffectivePolicyOptions(containerAdditions, appendSkipsPresentItems, keepEmptyArrayAfterRemove,
                omitUnvaluedKeys, sameLevelOrder, lowercaseScannerKeys, keyRequiredPath, selectionsNeedTagsOrResources,
                reportIgnoredOperations, value);
    }
}
