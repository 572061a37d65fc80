namespace ImAudit.Engine.Tests.Architecture;

/// <summary>
/// The engine's public types are what the CLI, the function and the AWS layer may use; the rest is internal (the
/// tests and the benchmarks see it through InternalsVisibleTo). The list is kept in public-types.txt so that a new
/// public type is a decision seen in review, and its length only goes down (issue 16 asks for at most 70).
/// </summary>
public sealed class PublicSurfaceTests
{
    private static string ListPath => Path.Combine(Fixture.RepositoryRoot, "tests", "ImAudit.Engine.Tests", "Architecture", "public-types.txt");

    private static List<string> Exported() => [.. typeof(PolicyEngine).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_public_types_are_the_listed_ones()
    {
        if (Environment.GetEnvironmentVariable("IMAUDIT_UPDATE_GOLDEN") == "1")
            File.WriteAllLines(ListPath, Exported());
        var listed = File.ReadAllLines(ListPath).Where(l => l.Length > 0).ToList();
        var added = Exported().Except(listed).ToList();
        var gone = listed.Except(Exported()).ToList();
        Assert.True(added.Count == 0 && gone.Count == 0,
            $"public types not in public-types.txt: {string.Join(", ", added)}; listed but no longer public: {string.Join(", ", gone)} " +
            "(make a new type internal unless the CLI or the function needs it; IMAUDIT_UPDATE_GOLDEN=1 rewrites the list)");
    }

    [Fact]
    public void The_public_surface_does_not_grow()
    {
        // Today's count, lowered as the models stop exposing the policy AST, the catalogue and the access computation.
        const int Ceiling = 64;
        Assert.True(Exported().Count <= Ceiling, $"{Exported().Count} public engine types, more than {Ceiling}");
    }
}
