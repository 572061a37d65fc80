using System.Collections.Frozen;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules.Sharing;

/// <summary>IMA401: a resource policy that lets anyone in, with no condition pinning the caller to an account or organization.</summary>
internal sealed class PublicResourcePolicyRule : IPolicyRule
{
    private static readonly FrozenSet<string> PinningKeys = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:SourceAccount", "aws:SourceOrgID", "aws:PrincipalArn", "aws:SourceArn");

    public RuleDescriptor Descriptor { get; } = new(RuleIds.PublicResourcePolicy, "public-resource-policy",
        "Resource policy is open to everyone", Severity.Critical, "resource policies",
        "Principal is `*` or {\"AWS\": \"*\"} without a condition that pins the caller to an account or organization")
    {
        Remediation = "Replace the `*` principal with the accounts or roles that need access, or add a condition that pins the caller (`aws:PrincipalOrgID` or `aws:PrincipalAccount`); share with other accounts through AWS RAM.",
    };

    public IEnumerable<Finding> Run(PolicyContext context) =>
        context.Document.Kind == PolicyKind.Trust
            ? []
            : context.Document.Statements
                .Where(s => s.Effect == Effect.Allow && s.Principal is { IsNot: false, IsEveryone: true } && !IsPinned(s))
                .Select(s => context.Create(Descriptor, Severity.Critical,
                    $"{s.Label} allows `Principal: *` with no condition on `aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:SourceAccount` or an account-bound `aws:PrincipalArn`: anyone with AWS credentials can use it",
                    s, s.Principal!.Location, null, s.Location.Pointer));

    // A positive condition on a pinning key whose values all name something concrete.
    internal static bool IsPinned(Statement statement) => statement.Conditions.Any(c =>
        PinningKeys.Contains(c.Key) && !c.Operator.Negated && !c.Operator.IfExists && c.Operator.Family is ConditionFamily.String or ConditionFamily.Arn
        && c.Values.All(v => c.Key.EndsWith("Arn", StringComparison.OrdinalIgnoreCase) ? HasAccount(v) : v.Trim('*', '?').Length > 0 && !v.Contains('*', StringComparison.Ordinal)));

    private static bool HasAccount(string arn) => Arn.Parse(arn) is { HasAccountId: true };
}
