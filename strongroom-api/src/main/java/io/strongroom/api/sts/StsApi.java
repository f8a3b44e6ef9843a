package io.strongroom.api.sts;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.sts.AssumeRoleInput;
import io.strongroom.engine.sts.AssumedRole;
import io.strongroom.engine.sts.CallerIdentity;
import io.strongroom.engine.sts.StsService;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoRequest;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/** STS operations: SDK shapes to the engine's StsService and back. */
public final class StsApi {
    private StsApi() {
    }

    private static java.util.Map<String, String> tags(java.util.List<Tag> tags) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    public static ServiceApi create(StsService sts) {
        return ServiceApi.builder("sts")
                .read("GetCallerIdentity", GetCallerIdentityRequest.class, "sts:GetCallerIdentity",
                        (ctx, q) -> AccessRequirement.unrestricted("sts:GetCallerIdentity"),
                        (ctx, q) -> {
                            CallerIdentity id = sts.getCallerIdentity(ctx.caller());
                            return GetCallerIdentityResponse.builder()
                                    .account(id.account()).arn(id.arn()).userId(id.userId()).build();
                        })
                .write("GetSessionToken", GetSessionTokenRequest.class, "sts:GetSessionToken",
                        (ctx, q) -> AccessRequirement.of("sts:GetSessionToken", "*"),
                        (ctx, q) -> {
                            Credential c = sts.getSessionToken(ctx.tx(), ctx.caller(), q.durationSeconds(),
                                    q.serialNumber(), q.tokenCode());
                            return GetSessionTokenResponse.builder().credentials(Credentials.builder()
                                    .accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
                                    .sessionToken(c.sessionToken()).expiration(c.expiration()).build()).build();
                        })
                .write("AssumeRole", AssumeRoleRequest.class, "sts:AssumeRole",
                        // The trust policy and the caller's permissions are evaluated by the STS domain
                        // itself, through the Authorizer, with the MFA and tag context of the call.
                        (ctx, q) -> AccessRequirement.unrestricted("sts:AssumeRole"),
                        (ctx, q) -> {
                            AssumedRole r = sts.assumeRole(ctx.tx(), ctx.caller(), new AssumeRoleInput(q.roleArn(),
                                    q.roleSessionName(), q.durationSeconds(), q.externalId(), q.serialNumber(),
                                    q.tokenCode(), tags(q.tags()), q.transitiveTagKeys(), q.sourceIdentity(),
                                    q.policy(), q.policyArns().stream().map(PolicyDescriptorType::arn).toList(),
                                    null));
                            Credential c = r.credential();
                            return AssumeRoleResponse.builder()
                                    .credentials(Credentials.builder().accessKeyId(c.accessKeyId())
                                            .secretAccessKey(c.secretAccessKey()).sessionToken(c.sessionToken())
                                            .expiration(c.expiration()).build())
                                    .assumedRoleUser(AssumedRoleUser.builder().assumedRoleId(r.assumedRoleId())
                                            .arn(r.arn()).build())
                                    .packedPolicySize(r.packedPolicySize())
                                    .sourceIdentity(r.sourceIdentity())
                                    .build();
                        })
                .read("GetAccessKeyInfo", GetAccessKeyInfoRequest.class, "sts:GetAccessKeyInfo",
                        (ctx, q) -> AccessRequirement.of("sts:GetAccessKeyInfo", "*"),
                        (ctx, q) -> GetAccessKeyInfoResponse.builder()
                                .account(sts.accessKeyAccount(ctx.tx(), q.accessKeyId())).build())
                .build();
    }
}
