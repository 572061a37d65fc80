namespace ImAudit.Engine.Matching;

/// <summary>
/// A compiled wildcard pattern (<c>*</c> any run, <c>?</c> one character). Matching simulates the pattern's
/// NFA with bit sets: one pass over the text, O(text × words) where a word holds 64 pattern positions, so there
/// is no backtracking and no blow-up on hostile patterns such as <c>*a*a*a*a*b</c>.
/// </summary>
internal sealed class Glob
{
    private enum Token : byte { Literal, AnyChar, Star, SegmentStar, NameChar, NameStar }

    private readonly Token[] _tokens;
    private readonly char[] _chars;
    private readonly bool _ignoreCase;
    private readonly int _words;
    private readonly char[] _maskChars;
    private readonly ulong[] _maskBits;
    private readonly ulong[] _anyCharMask;
    private readonly ulong[] _starMask;
    private readonly ulong[] _segmentStarMask;
    private readonly ulong[] _nameCharMask;
    private readonly ulong[] _nameStarMask;

    // The literal characters the pattern starts with (folded when case is ignored): a quick refusal.
    private readonly string _prefix;

    private Glob(List<(Token Kind, char Char)> tokens, bool ignoreCase)
    {
        _tokens = tokens.Select(t => t.Kind).ToArray();
        _chars = tokens.Select(t => t.Char).ToArray();
        _ignoreCase = ignoreCase;
        _words = (_tokens.Length + 1 + 63) / 64;
        _anyCharMask = new ulong[_words];
        _starMask = new ulong[_words];
        _segmentStarMask = new ulong[_words];
        _nameCharMask = new ulong[_words];
        _nameStarMask = new ulong[_words];
        var byChar = new SortedDictionary<char, ulong[]>();
        for (var i = 0; i < _tokens.Length; i++)
        {
            switch (_tokens[i])
            {
                case Token.AnyChar: Set(_anyCharMask, i); break;
                case Token.Star: Set(_starMask, i); break;
                case Token.SegmentStar: Set(_segmentStarMask, i); break;
                case Token.NameChar: Set(_nameCharMask, i); break;
                case Token.NameStar: Set(_nameStarMask, i); break;
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
        var literal = Array.FindIndex(_tokens, t => t != Token.Literal);
        _prefix = new string(_chars, 0, literal < 0 ? _chars.Length : literal);
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
            if (piece.Name)
                flat.Add(('\0', true));
            foreach (var c in piece.Text)
                flat.Add((c, !piece.Literal && c is '*' or '?'));
        }
        for (var i = 0; i < flat.Count; i++)
        {
            var (c, wild) = flat[i];
            if (wild && c == '\0')
            {
                tokens.Add((Token.NameChar, '\0'));
                tokens.Add((Token.NameStar, '\0'));
                continue;
            }
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
        if (text.Length < _prefix.Length)
            return false;
        for (var i = 0; i < _prefix.Length; i++)
        {
            if ((_ignoreCase ? Fold(text[i]) : text[i]) != _prefix[i])
                return false;
        }
        if (IsLiteral)
            return text.Length == _prefix.Length;
        Span<ulong> state = _words <= 8 ? stackalloc ulong[_words] : new ulong[_words];
        Span<ulong> next = _words <= 8 ? stackalloc ulong[_words] : new ulong[_words];
        state.Clear();
        state[0] = 1;
        Close(state);
        foreach (var raw in text)
        {
            var c = _ignoreCase ? Fold(raw) : raw;
            var accept = Accept(c);
            var inName = c is not ('/' or ':');
            var carry = 0UL;
            var any = 0UL;
            for (var w = 0; w < _words; w++)
            {
                var advanced = state[w] & ((accept.IsEmpty ? _anyCharMask[w] : accept[w]) | (inName ? _nameCharMask[w] : 0));
                var stay = state[w] & (_starMask[w] | (c == ':' ? 0 : _segmentStarMask[w]) | (inName ? _nameStarMask[w] : 0));
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
        if (IsUniversal || ReferenceEquals(this, other))
            return true;
        if (other.IsLiteral && other._ignoreCase == _ignoreCase)
            return IsMatch(other._chars);
        var n = _tokens.Length;
        var m = other._tokens.Length;
        // dp[i, j]: this pattern from token i covers the other from token j; rows i and i + 1 are enough.
        Span<bool> row = m < 256 ? stackalloc bool[m + 1] : new bool[m + 1];
        Span<bool> below = m < 256 ? stackalloc bool[m + 1] : new bool[m + 1];
        below.Clear();
        below[m] = true;
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m; j >= 0; j--)
            {
                var fits = j < m && ClassWithin(other, j, i);
                row[j] = Repeats(_tokens[i])
                    ? below[j] || (fits && row[j + 1])
                    : fits && !Repeats(other._tokens[j]) && below[j + 1];
            }
            row.CopyTo(below);
        }
        return below[0];
    }

    /// <summary>True when some string matches both patterns (a search over pairs of pattern positions).</summary>
    public bool Intersects(Glob other)
    {
        var n = _tokens.Length;
        var m = other._tokens.Length;
        // Pairs of positions already visited, one flag per pair (on the stack when small: most patterns are).
        var cells = (n + 1) * (m + 1);
        Span<bool> seen = cells <= 4096 ? stackalloc bool[cells] : new bool[cells];
        seen.Clear();
        var work = new Stack<(int I, int J)>();
        work.Push((0, 0));
        while (work.Count > 0)
        {
            var (i, j) = work.Pop();
            if (seen[(i * (m + 1)) + j])
                continue;
            seen[(i * (m + 1)) + j] = true;
            if (i == n && j == m)
                return true;
            if (i < n && Repeats(_tokens[i]))
                work.Push((i + 1, j));
            if (j < m && Repeats(other._tokens[j]))
                work.Push((i, j + 1));
            if (i < n && j < m && ClassesMeet(other, i, j))
            {
                var (ni, nj) = (Repeats(_tokens[i]) ? i : i + 1, Repeats(other._tokens[j]) ? j : j + 1);
                if ((ni, nj) != (i, j))
                    work.Push((ni, nj));
            }
        }
        return false;
    }

    private static bool Repeats(Token t) => t is Token.Star or Token.SegmentStar or Token.NameStar;

    // Character classes: a literal, everything, everything but ':', or a name character (no '/' or ':').
    private enum CharClass { Literal, All, NoColon, Name }

    private static CharClass ClassOf(Token t) => t switch
    {
        Token.Literal => CharClass.Literal,
        Token.Star or Token.AnyChar => CharClass.All,
        Token.SegmentStar => CharClass.NoColon,
        _ => CharClass.Name,
    };

    private static bool InClass(CharClass c, char ch) => c switch
    {
        CharClass.All => true,
        CharClass.NoColon => ch != ':',
        CharClass.Name => ch is not ('/' or ':'),
        _ => false,
    };

    // Every character other's token j can produce, this token i accepts.
    private bool ClassWithin(Glob other, int j, int i)
    {
        var mine = ClassOf(_tokens[i]);
        var theirs = ClassOf(other._tokens[j]);
        if (theirs == CharClass.Literal)
            return mine == CharClass.Literal ? SameChar(_chars[i], other, j) : InClass(mine, other._chars[j]);
        return mine switch
        {
            CharClass.All => true,
            CharClass.NoColon => theirs is CharClass.NoColon or CharClass.Name,
            CharClass.Name => theirs == CharClass.Name,
            _ => false,
        };
    }

    private bool ClassesMeet(Glob other, int i, int j)
    {
        var mine = ClassOf(_tokens[i]);
        var theirs = ClassOf(other._tokens[j]);
        if (mine == CharClass.Literal && theirs == CharClass.Literal)
            return SameChar(_chars[i], other, j);
        if (mine == CharClass.Literal)
            return InClass(theirs, _chars[i]);
        if (theirs == CharClass.Literal)
            return InClass(mine, other._chars[j]);
        return true;
    }

    private bool SameChar(char mine, Glob other, int j)
    {
        var theirs = other._chars[j];
        return _ignoreCase || other._ignoreCase ? Fold(mine) == Fold(theirs) : mine == theirs;
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
            var stars = state[w] & (_starMask[w] | _segmentStarMask[w] | _nameStarMask[w]);
            var add = (stars << 1) | carry;
            carry = stars >> 63;
            state[w] |= add;
        }
    }

    private static void Set(ulong[] mask, int bit) => mask[bit / 64] |= 1UL << (bit % 64);

    internal static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c < 128 ? c : char.ToLowerInvariant(c);
}
