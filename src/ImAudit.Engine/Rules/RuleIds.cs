namespace ImAudit.Engine.Rules;

/// <summary>Every rule ID, in one place. IDs are stable and never reused.</summary>
internal static class RuleIds
{
    public const string WrongNamespace = "IMA101";
    public const string UnknownAction = "IMA102";
    public const string UnknownServicePrefix = "IMA103";
    public const string IncidentActionUnderSsm = "IMA104";
    public const string ResourceTypeMismatch = "IMA105";
    public const string CrossNamespaceWildcard = "IMA106";
    public const string MalformedPolicy = "IMA107";
    public const string DenyInSharedResourcePolicy = "IMA201";
    public const string DenyConditionNeverTrue = "IMA202";
    public const string DenyMatchesNothing = "IMA203";
    public const string AllowConditionUnsupported = "IMA204";
    public const string NotActionGrantsIncidentManager = "IMA205";
    public const string ExceedsBaseline = "IMA301";
    public const string CanChangeResourcePolicies = "IMA302";
    public const string FullWildcardGrant = "IMA303";
    public const string ResourceStarWhereScopable = "IMA304";
    public const string ServicePolicyMisattached = "IMA305";
    public const string ImpliedIncidentAccess = "IMA306";
    public const string EngagementReach = "IMA307";
    public const string PublicResourcePolicy = "IMA401";
    public const string UntrustedAccount = "IMA402";
    public const string ActionNotShareable = "IMA403";
    public const string ForeignResource = "IMA404";
    public const string UnreadableResourcePolicy = "IMA405";
    public const string RunbookRoleTrust = "IMA501";
    public const string RunbookRoleConfusedDeputy = "IMA502";
    public const string RunbookRoleOverprivileged = "IMA503";
    public const string PassRoleEscalation = "IMA504";
    public const string ServiceLinkedRole = "IMA505";
    public const string ManagedPolicyVersionChanged = "IMA601";
    public const string PolicyDocumentChanged = "IMA602";
    public const string AttachmentChanged = "IMA603";
    public const string ResourcePolicyChanged = "IMA604";
    public const string EffectiveAccessChanged = "IMA605";
    public const string CrossAccountReach = "IMA701";
    public const string UnusedShare = "IMA702";
    public const string ShareOutsideOrganization = "IMA703";
}
