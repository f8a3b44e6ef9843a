package io.strongroom.orgpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merges the management policies along an account's path into its effective policy (spec 3.4) and checks the
 * result (spec 3.5). Pure and thread-safe; the only state is a cache of compiled policy contents.
 *
 * <p>For a whole organization, merge each root/OU level once and reuse the state for everything below it:
 * {@code compute(type, path)} is exactly {@code finish(type, merge(...merge(null, L0)..., Ln))}.
 */
public final class EffectivePolicyEngine {
    /** Enough for every distinct policy content of a large organization; cleared wholesale beyond it. */
    private static final int CACHE_LIMIT = 20_000;

    private final EffectivePolicyOptions options;
    private final Renderer renderer;
    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

    public EffectivePolicyEngine() {
        this(EffectivePolicyOptions.defaults());
    }

    public EffectivePolicyEngine(EffectivePolicyOptions options) {
        this.options = options;
        this.renderer = new Renderer(options);
    }

    public EffectivePolicyOptions options() {
        return options;
    }

    /** path = root level, OU levels top-down, the account's own level. */
    public EffectivePolicy compute(PolicyType type, List<PolicyLevel> path) {
        MergeState state = null;
        for (PolicyLevel level : path) {
            state = merge(type, state, level);
        }
        return state == null ? new EffectivePolicy(null, List.of(), Explanation.NONE) : finish(type, state);
    }

    /**
     * The merged state after one more level. {@code parent} is left untouched, so it can be the parent of any number
     * of children.
     *
     * @param parent null for the root level
     */
    public MergeState merge(PolicyType type, MergeState parent, PolicyLevel level) {
        requireManagement(type);
        if (parent != null && parent.type != type) {
            throw new IllegalArgumentException("state of " + parent.type + " cannot be merged as " + type);
        }
        int index = parent == null ? 0 : parent.depth;
        List<CompiledPolicy> policies = new ArrayList<>(level.policies().size());
        List<PolicySource> sources = new ArrayList<>(level.policies().size());
        for (AttachedPolicy policy : level.policies()) {
            policies.add(compile(policy.content()));
            sources.add(new PolicySource(policy.policyId(), policy.name(), level.targetId(), index));
        }
        PList<IgnoredOperation> ignored = parent == null ? PList.empty() : parent.ignored;
        PList<String> targets = (parent == null ? PList.<String>empty() : parent.targetIds).push(level.targetId());
        int count = (parent == null ? 0 : parent.policyCount) + policies.size();
        Entry inherited = parent == null ? null : parent.root;
        if (policies.isEmpty()) {
            // Nothing to apply: the inherited tree is shared as is, restrictions from above keep applying below.
            Entry root = inherited == null ? new LevelMerger(options, index, ignored).merge(null, List.of(), List.of())
                    : inherited;
            return new MergeState(type, index + 1, root, ignored, targets, count);
        }
        LevelMerger merger = new LevelMerger(options, index, ignored);
        Entry root = merger.merge(inherited, policies, sources);
        return new MergeState(type, index + 1, root, merger.ignored(), targets, count);
    }

    /** Renders, validates and explains a merged state; content is null when no policy of the type was met. */
    public EffectivePolicy finish(PolicyType type, MergeState state) {
        requireManagement(type);
        if (state.type != type) {
            throw new IllegalArgumentException("state of " + state.type + " cannot be finished as " + type);
        }
        if (state.policyCount == 0) {
            return new EffectivePolicy(null, List.of(), Explanation.NONE);
        }
        SchemaNode schema = type == PolicyType.BACKUP_POLICY ? BackupPolicySchema.ROOT : null;
        String content = renderer.render(state.root, schema);
        List<ValidationError> errors = new ArrayList<>();
        if (schema != null) {
            errors.addAll(new EffectivePolicyValidator(options, renderer).validate(state.root, schema));
        }
        List<IgnoredOperation> ignored = options.explain() || options.reportIgnoredOperations()
                ? state.ignored.toList() : List.of();
        if (options.reportIgnoredOperations()) {
            for (IgnoredOperation op : ignored) {
                if (op.reason() == IgnoreReason.OPERATOR_LOCKED || op.reason() == IgnoreReason.CONTAINER_LOCKED) {
                    errors.add(new ValidationError(ValidationError.OPERATION_NOT_ALLOWED, op.toString(),
                            op.path().replace('.', '/'), List.of(op.source().policyId())));
                }
            }
        }
        Explanation explanation = options.explain()
                ? new Explanation(explainKeys(state.root, schema), ignored) : Explanation.NONE;
        return new EffectivePolicy(content, errors, explanation);
    }

    private List<KeyExplanation> explainKeys(Entry root, SchemaNode schema) {
        List<KeyExplanation> keys = new ArrayList<>();
        explain(root, schema, "", keys);
        return keys;
    }

    private void explain(Entry entry, SchemaNode schema, String path, List<KeyExplanation> keys) {
        if (entry.children == null) {
            return;
        }
        for (Map.Entry<String, Entry> child : entry.children.entrySet()) {
            Entry value = child.getValue();
            if (!renderer.present(value)) {
                continue;
            }
            String key = renderer.outputKey(child.getKey(), value, schema);
            String childPath = path.isEmpty() ? key : path + "." + key;
            keys.add(new KeyExplanation(childPath, value.createdBy, value.history.toList()));
            explain(value, schema == null ? null : schema.child(child.getKey()), childPath, keys);
        }
    }

    private CompiledPolicy compile(String content) {
        CompiledPolicy policy = compiled.get(content);
        if (policy == null) {
            policy = CompiledPolicy.compile(content);
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(content, policy);
        }
        return policy;
    }

    private static void requireManagement(PolicyType type) {
        if (!type.isManagement()) {
            throw new IllegalArgumentException(type + " is an authorization policy type; it has no effective policy");
        }
    }
}
