using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Catalog;

/// <summary>
/// Whether a policy's resource pattern can name a resource an action works on: the catalogue's question that
/// IMA104 (a resource of the wrong type), IMA204 (a deny that matches nothing) and IMA303 (`*` where the action is
/// scopable) all ask, answered once here.
/// </summary>
internal static class ResourceFit
{
    /// <summary>Can the pattern name some resource the action works on?</summary>
    public static bool MayName(this IamCatalog catalog, ActionInfo action, ResourcePattern pattern)
    {
        if (pattern.IsEverything)
            return true;
        if (!action.SupportsResourceLevelPermissions)
            return pattern.Approximation.IsMatch("*");
        foreach (var format in catalog.ArnFormatsOf(action))
        {
            if (catalog.FormatMayMatch(format, pattern))
                return true;
        }
        return false;
    }
}
