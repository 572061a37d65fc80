using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests;

/// <summary>Builds policies from statement snippets for tests.</summary>
internal static class Policy
{
    public static PolicyDocument Identity(string name, params string[] statements) => Parse(name, PolicyKind.Identity, statements);

    public static PolicyDocument Resource(string name, params string[] statements) => Parse(name, PolicyKind.Resource, statements);

    private static PolicyDocument Parse(string name, PolicyKind kind, string[] statements)
    {
        var document = PolicyParser.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""", kind, name);
        Assert.False(document.HasErrors, string.Join("; ", document.Diagnostics.Select(d => d.Message)));
        return document;
    }
}
