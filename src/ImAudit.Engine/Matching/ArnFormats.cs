namespace ImAudit.Engine.Matching;

/// <summary>
/// Compiles the Service Authorization Reference's ARN formats (<c>arn:${Partition}:ssm-incidents::${Account}:response-plan/${ResponsePlan}</c>)
/// into patterns. Each placeholder becomes a name: one or more characters without <c>/</c> or <c>:</c> (true of
/// every Incident Manager resource name); with <paramref name="namesMaySpanPaths"/> names may hold <c>/</c>,
/// as S3 keys and IAM paths do.
/// </summary>
internal static class ArnFormats
{
    public static Glob Compile(string format, bool namesMaySpanPaths = false)
    {
        var pieces = new List<GlobPiece>();
        var start = 0;
        while (start < format.Length)
        {
            var open = format.IndexOf("${", start, StringComparison.Ordinal);
            var close = open < 0 ? -1 : format.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                pieces.Add(GlobPiece.Exact(format[start..]));
                break;
            }
            if (open > start)
                pieces.Add(GlobPiece.Exact(format[start..open]));
            pieces.Add(namesMaySpanPaths ? GlobPiece.Pattern("?*") : GlobPiece.NamePlaceholder());
            start = close + 1;
        }
        return Glob.Compile(pieces, GlobOptions.ArnSegments);
    }
}
