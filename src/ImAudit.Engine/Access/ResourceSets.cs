using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Access;

internal static class ResourceSets
{
    /// <summary>
    /// Certainly no ARN matches both. Decided when one side is a literal ARN; two wildcard patterns are assumed to
    /// overlap, which keeps every use of this test on the safe side.
    /// </summary>
    public static bool Disjoint(ResourcePattern a, ResourcePattern b)
    {
        if (IsLiteral(a))
            return b.Matches(a.Text) == Tristate.False;
        if (IsLiteral(b))
            return a.Matches(b.Text) == Tristate.False;
        return false;
    }

    private static bool IsLiteral(ResourcePattern pattern) => !pattern.HasVariables && pattern.Approximation.IsLiteral;
}
