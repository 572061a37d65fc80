namespace ImAudit.Engine.Matching;

/// <summary>
/// A compiled wildcard pattern (<c>*</c> any run, <c>?</c> one character). Matching simulates the pattern's
/// NFA with bit sets: one pass over the text, O(text × words) where a word holds 64 pattern positions, so there
/// is no backtracking and no blow-up on hostile patterns such as <c>*a*a*a*a*b</c>.
/// </summary>
internal sealed class Glob
{
    private enum Token : byte { Literal, AnyChar, Star, SegmentStar }

    private readonly Token[] _tokens;
    private readonly char[] _chars;
    private readonly bool _ignoreCase;
    private readonly int _words;
    private readonly char[] _maskChars;
    private readonly ulong[] _maskBits;
    private readonly ulong[] _anyCharMask;
    private readonly ulong[] _starMask;
    private readonly ulong[] _segmentStarMask;

    private Glob(List<(Token Kind, char Char)> tokens, bool ignoreCase)
    {
        _tokens = tokens.Select(t => t.Kind).ToArray();
        _chars = tokens.Select(t => t.Char).ToArray();
        _ignoreCase = ignoreCase;
        _words = (_tokens.Length + 1 + 63) / 64;
        _anyCharMask = new ulong[_words];
        _starMask = new ulong[_words];
        _segmentStarMask = new ulong[_words];
        var byChar = new SortedDictionary<char, ulong[]>();
        for (var i = 0; i < _tokens.Length; i++)
        {
            switch (_tokens[i])
            {
                case Token.AnyChar: Set(_anyCharMask, i); break;
                case Token.Star: Set(_starMask, i); break;
                case Token.SegmentStar: Set(_segmentStarMask, i); break;
                default:
                    if (!byChar.TryGetValue(_chars[i], out var mask))
                        byChar[_chars[i]] = mask = new ulong[_words];
                    Set(mask, i);
                    break;
            }
        }
        _maskChars = [.. byChar.Keys];
        _maskBits = new ulong[_maskChars.Length * _words];
        var k = 0;
        foreach (var mask in byChar.Values)
        {
            for (var w = 0; w < _words; w++)
                _maskBits[(k * _words) + w] = mask[w] | _anyCharMask[w];
            k++;
        }
        IsLiteral = _tokens.All(t => t == Token.Literal);
        IsUniversal = _tokens.Length == 1 && _tokens[0] == Token.Star;
    }

    /// <summary>True when the pattern has no wildcard.</summary>
    public bool IsLiteral { get; }

    /// <summary>True for the pattern <c>*</c>, which matches everything.</summary>
    public bool IsUniversal { get; }

    public int Length => _tokens.Length;

    public static Glob Compile(string pattern, GlobOptions options = GlobOptions.None) =>
        Compile([GlobPiece.Pattern(pattern)], options);

    public static Glob Compile(IReadOnlyList<GlobPiece> pieces, GlobOptions options)
    {
        var ignoreCase = options.HasFlag(GlobOptions.IgnoreCase);
        var tokens = new List<(Token, char)>();
        var flat = new List<(char C, bool Wild)>();
        foreach (var piece in pieces)
        {
            foreach (var c in piece.Text)
                flat.Add((c, !piece.Literal && c is '*' or '?'));
        }
        for (var i = 0; i < flat.Count; i++)
        {
            var (c, wild) = flat[i];
            if (!wild)
            {
                tokens.Add((Token.Literal, ignoreCase ? Fold(c) : c));
                continue;
            }
            if (c == '?')
            {
                tokens.Add((Token.AnyChar, '?'));
                continue;
            }
            var after = i + 1;
            while (after < flat.Count && flat[after] is ('*', true))
                after++;
            var next = after < flat.Count ? flat[after].C : ':';
            var kind = options.HasFlag(GlobOptions.ArnSegments) && next != ':' ? Token.SegmentStar : Token.Star;
            if (tokens.Count > 0 && tokens[^1].Item1 is Token.Star or Token.SegmentStar)
            {
                continue; // consecutive stars are one star

            }
            tokens.Add((kind, '*'));
        }
        return new Glob(tokens, ignoreCase);
    }

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        Span<ulong> state = _words <= 8 ? stackalloc ulong[_words] : new ulong[_words];
        Span<ulong> next = _words <= 8 ? stackalloc ulong[_words] : new ulong[_words];
        state.Clear();
        state[0] = 1;
        Close(state);
        foreach (var raw in text)
        {
            var c = _ignoreCase ? Fold(raw) : raw;
            var accept = Accept(c);
            var carry = 0UL;
            var any = 0UL;
            for (var w = 0; w < _words; w++)
            {
                var advanced = state[w] & (accept.IsEmpty ? _anyCharMask[w] : accept[w]);
                var stay = state[w] & (_starMask[w] | (c == ':' ? 0 : _segmentStarMask[w]));
                next[w] = (advanced << 1) | carry | stay;
                carry = advanced >> 63;
                any |= next[w];
            }
            if (any == 0)
                return false;
            next.CopyTo(state);
            Close(state);
        }
        var end = _tokens.Length;
        return (state[end / 64] & (1UL << (end % 64))) != 0;
    }

    /// <summary>
    /// True when every string this pattern's <paramref name="other"/> matches is matched by this pattern.
    /// Decided symbolically: sound (a true answer is always right) and exact whenever either side is literal
    /// or the universal pattern; for two wildcard patterns it can answer false for an unusual true inclusion.
    /// </summary>
    public bool Covers(Glob other)
    {
        if (IsUniversal)
            return true;
        var n = _tokens.Length;
        var m = other._tokens.Length;
        var dp = new bool[n + 1, m + 1];
        dp[n, m] = true;
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m; j >= 0; j--)
            {
                var t = _tokens[i];
                var hasOther = j < m;
                var o = hasOther ? other._tokens[j] : Token.Literal;
                dp[i, j] = t switch
                {
                    Token.Star => dp[i + 1, j] || (hasOther && dp[i, j + 1]),
                    Token.SegmentStar => dp[i + 1, j] || (hasOther && o != Token.Star && o != Token.AnyChar
                        && !(o == Token.Literal && other._chars[j] == ':') && dp[i, j + 1]),
                    Token.AnyChar => hasOther && o is Token.Literal or Token.AnyChar && dp[i + 1, j + 1],
                    _ => hasOther && o == Token.Literal && SameChar(_chars[i], other, j) && dp[i + 1, j + 1],
                };
            }
        }
        return dp[0, 0];
    }

    private bool SameChar(char mine, Glob other, int j)
    {
        var theirs = other._chars[j];
        return _ignoreCase ? mine == Fold(theirs) : mine == theirs;
    }

    private ReadOnlySpan<ulong> Accept(char c)
    {
        var index = Array.BinarySearch(_maskChars, c);
        return index < 0 ? [] : _maskBits.AsSpan(index * _words, _words);
    }

    // A star may match the empty string: whoever reaches a star position also reaches the position after it.
    private void Close(Span<ulong> state)
    {
        var carry = 0UL;
        for (var w = 0; w < _words; w++)
        {
            var stars = state[w] & (_starMask[w] | _segmentStarMask[w]);
            var add = (stars << 1) | carry;
            carry = stars >> 63;
            state[w] |= add;
        }
    }

    private static void Set(ulong[] mask, int bit) => mask[bit / 64] |= 1UL << (bit % 64);

    internal static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c < 128 ? c : char.ToLowerInvariant(c);
}
