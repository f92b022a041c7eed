package dev.labauth.local.template;

/** A CloudFormation intrinsic function as written in YAML short form: {@code !Ref X}, {@code !GetAtt X.Arn}, {@code !Sub "…"}. */
public record Intrinsic(String function, Object argument) {
}
