namespace ImAudit.AwsEmulator;

/// <summary>
/// The credentials the emulator accepts and the identity it reports. The home account (the first inventory) is
/// reached with <see cref="AccessKey"/>; another served account with the key its role's AssumeRole hands out,
/// <see cref="MemberAccessKey"/>, which encodes the account. Accounts in <see cref="DenyAssume"/> refuse AssumeRole.
/// </summary>
public sealed record EmulatorOptions(string AccountId)
{
    private const string MemberPrefix = "ASIAE";
    private const string MemberSuffix = "MUL";

    public string AccessKey { get; init; } = "test";

    public string SecretKey { get; init; } = "test";

    public IReadOnlySet<string> DenyAssume { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public string CallerArn => $"arn:aws:iam::{AccountId}:user/imaudit-emulator";

    /// <summary>The access key ID of a session in <paramref name="accountId"/> (20 characters, like AWS's).</summary>
    public static string MemberAccessKey(string accountId) => MemberPrefix + accountId + MemberSuffix;

    /// <summary>The account a member session's access key ID names, or null for any other key.</summary>
    public static string? AccountOfMemberKey(string accessKey) =>
        accessKey.Length == MemberPrefix.Length + 12 + MemberSuffix.Length && accessKey.StartsWith(MemberPrefix, StringComparison.Ordinal)
            && accessKey.EndsWith(MemberSuffix, StringComparison.Ordinal)
            ? accessKey[MemberPrefix.Length..^MemberSuffix.Length]
            : null;
}
