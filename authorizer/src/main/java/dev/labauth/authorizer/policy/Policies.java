package dev.labauth.authorizer.policy;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.List;
import java.util.Map;

/** IAM policy answers, built on the events library's own types so the runtime writes them as API Gateway reads them. */
public final class Policies {
    private Policies() {
    }

    /** Allow on the whole stage (no route rules yet): cache-safe for every route the caller may call next. */
    public static IamPolicyResponse allowStage(String principalId, ExecuteApiArn arn, Map<String, Object> context) {
        return IamPolicyResponse.builder()
                .withPrincipalId(principalId)
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponse.allowStatement(arn.wholeStage())))
                        .build())
                .withContext(context)
                .build();
    }
}
