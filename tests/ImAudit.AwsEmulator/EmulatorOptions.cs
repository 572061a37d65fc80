namespace ImAudit.AwsEmulator;

/// <summary>The credentials the emulator accepts and the identity it reports.</summary>
public sealed record EmulatorOptions(string AccountId)
{
    public string AccessKey { get; init; } = "test";

    public string SecretKey { get; init; } = "test";

    public string CallerArn => $"arn:aws:iam::{AccountId}:user/imaudit-emulator";
}
