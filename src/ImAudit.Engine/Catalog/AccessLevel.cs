namespace ImAudit.Engine.Catalog;

/// <summary>The Service Authorization Reference's access levels, in increasing order of risk.</summary>
internal enum AccessLevel
{
    List,
    Read,
    Tagging,
    Write,
    PermissionsManagement,
}

internal static class AccessLevelNames
{
    public static string Display(this AccessLevel level) => level switch
    {
        AccessLevel.PermissionsManagement => "Permissions management",
        _ => level.ToString(),
    };

    internal static AccessLevel FromCode(char code) => code switch
    {
        'L' => AccessLevel.List,
        'R' => AccessLevel.Read,
        'T' => AccessLevel.Tagging,
        'W' => AccessLevel.Write,
        'P' => AccessLevel.PermissionsManagement,
        _ => throw new FormatException($"unknown access level code `{code}`"),
    };
}
