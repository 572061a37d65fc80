using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules;

/// <summary>
/// One policy under audit: the document, the resource findings are about (the policy's ARN, or the principal or
/// Incident Manager resource it is attached to), the resource a resource policy protects, and the catalogue.
/// </summary>
internal sealed record PolicyContext(PolicyDocument Document, string Resource, IamCatalog Catalog, string? ProtectedResourceArn = null)
{
    /// <summary>Accounts trusted besides the owner (baseline configuration), for IMA402.</summary>
    public IReadOnlyCollection<string> TrustedAccounts { get; init; } = [];

    /// <summary>The trusted organization (<c>o-…</c>), for IMA401 and IMA402.</summary>
    public string? TrustedOrganization { get; init; }

    private readonly AuditMemo? _memo;

    /// <summary>
    /// The memo of the audit the document belongs to (for the same catalogue); a document checked on its own gets one
    /// of its own, made on first use (one thread runs a document's rules).
    /// </summary>
    internal AuditMemo Memo
    {
        get => _memo ?? (_ownMemo ??= new AuditMemo(Catalog));
        init => _memo = value.Catalog == Catalog ? value : throw new ArgumentException("the audit's memo is for another catalogue", nameof(value));
    }

    private AuditMemo? _ownMemo;

    /// <summary>Every ssm-incidents and ssm-contacts action of the catalogue.</summary>
    internal IEnumerable<ActionInfo> IncidentManagerActions => Catalog.IncidentManagerActions;

    /// <summary>The Incident Manager actions an <c>Action</c> or <c>NotAction</c> element covers, in full-name order.</summary>
    internal List<ActionInfo> CoveredIncidentManager(ActionElement element) => Catalog.CoveredIncidentManager(element);

    /// <summary>The pointer of a whole element (<c>/Statement/0/Action</c>) from the location of its first entry.</summary>
    internal static SourceLocation ElementOf(SourceLocation firstEntry, int entries)
    {
        var pointer = firstEntry.Pointer;
        var indexed = pointer.EndsWith("/0", StringComparison.Ordinal);
        return entries > 1 || indexed ? firstEntry with { Pointer = indexed ? pointer[..^2] : pointer } : firstEntry;
    }

    internal Finding Create(RuleDescriptor rule, Severity severity, string message, Statement? statement, SourceLocation? at, MapDetail? details, string key) =>
        rule.Finding(severity, message, Resource, FindingLocation.In(Document.Name, statement, at), details, key);
}

/// <summary>A rule that judges one policy document on its own. Pure: same input, same findings.</summary>
internal interface IPolicyRule
{
    RuleDescriptor Descriptor { get; }

    IEnumerable<Finding> Run(PolicyContext context);
}

/// <summary>A rule that threw: recorded, named, and the run goes on.</summary>
public sealed record RuleFailure(string RuleId, string Resource, string Error);

public sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<RuleFailure> Failures);
