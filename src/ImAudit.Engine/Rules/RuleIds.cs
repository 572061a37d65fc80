namespace ImAudit.Engine.Rules;

/// <summary>Every rule ID, in one place. IDs are stable and never reused.</summary>
public static class RuleIds
{
    public const string WrongNamespace = "IMA101";
    public const string UnknownAction = "IMA102";
    public const string UnknownServicePrefix = "IMA103";
    public const string IncidentActionUnderSsm = "IMA104";
    public const string ResourceTypeMismatch = "IMA105";
    public const string CrossNamespaceWildcard = "IMA106";
    public const string MalformedPolicy = "IMA107";
}
