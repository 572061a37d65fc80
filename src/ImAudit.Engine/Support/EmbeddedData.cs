namespace ImAudit.Engine;

/// <summary>The data files compiled into the engine: opened by logical name, TSV files read as rows.</summary>
internal static class EmbeddedData
{
    public static Stream Open(string name) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"the embedded data file `{name}` is missing from the engine assembly");

    /// <summary>The tab-separated fields of every line that is neither blank nor a <c>#</c> comment.</summary>
    public static IEnumerable<string[]> Rows(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                yield return line.Split('\t');
        }
    }

    public static List<string[]> Rows(string name)
    {
        using var reader = new StreamReader(Open(name));
        return [.. Rows(reader)];
    }
}
