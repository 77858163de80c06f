using System.Numerics;

namespace CognitoDemo.Cognito.Arithmetic;

/// <summary>
/// Modular exponentiation modulo one fixed odd modulus in the Montgomery domain, constant-time in the
/// exponent: the SRP group's arithmetic for the client and for Local Cognito.
/// </summary>
/// <remarks>
/// <para>The multiplications are done by a <see cref="MontgomeryMultiplier"/>: <see cref="VectorMultiplier"/>
/// (28-bit digits, eight at a time with AVX-512, four with AVX2) where the CPU has either and the modulus fits,
/// otherwise <see cref="WordMultiplier"/> (64-bit limbs, every CPU). This class holds the schedules, after the Handbook
/// of Applied Cryptography (Menezes, van Oorschot, Vanstone), chapter 14: a fixed window (14.82 with every
/// window multiplied, even by 1) and for base 2 a fixed-base comb (14.117).</para>
/// <para>Constant time: for a given <c>exponentBits</c> the sequence of squarings and multiplications is
/// the same whatever the exponent; table entries are read by scanning every entry with masks
/// (<see cref="Limbs.Select"/>). The conversions between <see cref="BigInteger"/> and limbs are outside
/// that guarantee: they depend only on the operands' lengths.</para>
/// <para>Base 2 (the SRP generator): exponents up to 256 bits (the SRP ephemerals a and b, and x) use a
/// fixed-base comb with a table built once per modulus: 31 squarings and 31 multiplications. Longer
/// exponents (only the published test vectors' a values) take the fixed window like any base, except on
/// 64-bit limbs when the modulus's top limb is all ones as in every RFC 3526 prime: there each window
/// multiplies by 2^d (d &lt; 64) with a shift by d bits and one fold of the overflow limb
/// (<see cref="WordMultiplier.MultiplyByPowerOfTwo"/>), a shift instead of a multiplication.</para>
/// </remarks>
public sealed class MontgomeryModulus
{
    private const int MaxBaseTwoWindow = 6;
    // The fixed-base comb for base 2 (see CombPowerOfTwo): exponents up to 256 bits, read as 8 rows of 32 bits.
    private const int CombExponentBits = 256;
    private const int CombRows = 8;
    private const int CombColumns = CombExponentBits / CombRows;
    // The window table's size bound, in 64-bit values (32 KiB on the stack).
    private const int MaxTableValues = 4096;
    private readonly WordMultiplier _words;
    private readonly MontgomeryMultiplier _multiplier;
    // 2^CombRows entries: entry i = ∏ 2^(2^(CombColumns·r)) over the bits r of i, in _multiplier's Montgomery form; built on first use.
    private ulong[]? _combTable;

    /// <summary>Prepares the Montgomery constants of an odd modulus greater than 1, vectorised where the CPU allows.</summary>
    public MontgomeryModulus(BigInteger modulus)
        : this(modulus, MultiplierChoice.Best)
    {
    }

    /// <summary>As the public constructor, with the multiplier chosen (for tests and benchmarks); a choice the CPU cannot run falls back to the next one.</summary>
    internal MontgomeryModulus(BigInteger modulus, MultiplierChoice choice)
    {
        if (modulus <= BigInteger.One || modulus.IsEven)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus), "The modulus must be odd and greater than 1.");
        }

        Modulus = modulus;
        _words = new WordMultiplier(modulus);
        var vector = choice == MultiplierChoice.Words ? null : VectorMultiplier.TryCreate(modulus, allowAvx512: choice == MultiplierChoice.Best);
        _multiplier = vector ?? (MontgomeryMultiplier)_words;
    }

    /// <summary>Whether the multiplications use vector instructions (<see cref="VectorMultiplier"/>, AVX-512 or AVX2).</summary>
    public bool IsVectorised => _multiplier is VectorMultiplier;

    /// <summary>The multiplier in use, in words: "AVX-512", "AVX2" or "64-bit limbs".</summary>
    public string MultiplierName => _multiplier switch
    {
        VectorMultiplier { IsAvx512: true } => "AVX-512",
        VectorMultiplier => "AVX2",
        _ => "64-bit limbs",
    };

    /// <summary>The modulus N.</summary>
    public BigInteger Modulus { get; }

    /// <summary>
    /// value^exponent mod N for a public exponent (such as SRP's u): the schedule follows the
    /// exponent's own length.
    /// </summary>
    public BigInteger ModPow(BigInteger value, BigInteger exponent) =>
        ModPow(value, exponent, checked((int)Math.Max(exponent.GetBitLength(), 1)));

    /// <summary>
    /// value^exponent mod N, taking the same time for every exponent below 2^exponentBits: the work
    /// depends on <paramref name="exponentBits"/> (public), not on the exponent's bits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The exponent is negative or longer than exponentBits.</exception>
    public BigInteger ModPow(BigInteger value, BigInteger exponent, int exponentBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponentBits);
        if (exponent.Sign < 0 || exponent.GetBitLength() > exponentBits)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), $"The exponent must be in [0, 2^{exponentBits}).");
        }

        var exponentLimbs = MontgomeryMultiplier.ToLimbs(exponent, (Math.Max(exponentBits, CombExponentBits) + 63) / 64 + 1);
        var reduced = value.Sign >= 0 && value < Modulus ? value : BigInteger.Remainder(value, Modulus) + (value.Sign < 0 ? Modulus : 0);
        // The shift path beats general multiplications on 64-bit limbs, not the vectorised ones (docs/benchmarks.md).
        if (reduced == 2 && exponentBits > CombExponentBits && !IsVectorised && _words.CanShiftPowersOfTwo)
        {
            Span<ulong> power = stackalloc ulong[_words.Width];
            PowerOfTwo(power, exponentLimbs, exponentBits);
            return _words.FromMontgomery(power);
        }

        var multiplier = _multiplier;
        Span<ulong> accumulator = stackalloc ulong[multiplier.Width];
        if (reduced == 2 && exponentBits <= CombExponentBits)
        {
            CombPowerOfTwo(accumulator, exponentLimbs);
        }
        else
        {
            Span<ulong> montgomeryBase = stackalloc ulong[multiplier.Width];
            multiplier.ToMontgomery(montgomeryBase, reduced % Modulus);
            FixedWindow(accumulator, montgomeryBase, exponentLimbs, exponentBits);
        }

        return multiplier.FromMontgomery(accumulator);
    }

    private int WindowSize(int exponentBits)
    {
        var w = exponentBits switch
        {
            <= 32 => 2,
            <= 192 => 4,
            <= 768 => 5,
            _ => 6,
        };

        // Keep the table on the stack within MaxTableValues (the vector multiplier's elements are longer).
        while ((1 << w) * _multiplier.Width > MaxTableValues)
        {
            w--;
        }

        return w;
    }

    /// <summary>Left-to-right fixed window: w squarings and one multiplication by a table entry per window.</summary>
    private void FixedWindow(Span<ulong> accumulator, ReadOnlySpan<ulong> montgomeryBase, ReadOnlySpan<ulong> exponent, int exponentBits)
    {
        var multiplier = _multiplier;
        var s = multiplier.Width;
        var w = WindowSize(exponentBits);
        var rows = 1 << w;
        // table[i] = base^i in the Montgomery domain.
        Span<ulong> table = stackalloc ulong[rows * s];
        multiplier.One.CopyTo(table);
        montgomeryBase.CopyTo(table[s..]);
        for (var i = 2; i < rows; i++)
        {
            // Even entries as squares of the half entry: a squaring costs less than a multiplication.
            if (i % 2 == 0)
            {
                multiplier.Square(table.Slice(i * s, s), table.Slice(i / 2 * s, s));
            }
            else
            {
                multiplier.Multiply(table.Slice(i * s, s), table.Slice((i - 1) * s, s), montgomeryBase);
            }
        }

        var windows = (exponentBits + w - 1) / w;
        multiplier.One.CopyTo(accumulator);
        Span<ulong> entry = stackalloc ulong[s];
        for (var k = windows - 1; k >= 0; k--)
        {
            if (k == windows - 1)
            {
                // The first window's entry is the accumulator itself: 1 · entry needs no multiplication.
                Limbs.Select(accumulator, table, rows, Window(exponent, k * w, w));
                continue;
            }

            for (var i = 0; i < w; i++)
            {
                multiplier.Square(accumulator, accumulator);
            }

            Limbs.Select(entry, table, rows, Window(exponent, k * w, w));
            multiplier.Multiply(accumulator, accumulator, entry);
        }
    }

    /// <summary>2^e with 64-bit limbs: w squarings and one multiplication by 2^digit (a shift and a fold) per window.</summary>
    private void PowerOfTwo(Span<ulong> accumulator, ReadOnlySpan<ulong> exponent, int exponentBits)
    {
        var windows = (exponentBits + MaxBaseTwoWindow - 1) / MaxBaseTwoWindow;
        _words.One.CopyTo(accumulator);
        for (var k = windows - 1; k >= 0; k--)
        {
            if (k != windows - 1)
            {
                for (var i = 0; i < MaxBaseTwoWindow; i++)
                {
                    _words.Square(accumulator, accumulator);
                }
            }

            _words.MultiplyByPowerOfTwo(accumulator, (int)Window(exponent, k * MaxBaseTwoWindow, MaxBaseTwoWindow));
        }
    }

    /// <summary>
    /// 2^e for e &lt; 2^256 by the fixed-base comb of Lim and Lee ("More flexible exponentiation with
    /// precomputation", CRYPTO '94; HAC algorithm 14.117 with one table): e is read as 8 rows of 32 bits, and
    /// column c's 8 bits (bit c of each row) select the table entry ∏ 2^(2^(32r)) over the rows r whose bit is
    /// set. 31 squarings and 31 multiplications instead of 256 squarings, for every exponent alike; each entry
    /// is read by scanning the whole table (<see cref="Limbs.Select"/>). The table depends only on the modulus.
    /// </summary>
    private void CombPowerOfTwo(Span<ulong> accumulator, ReadOnlySpan<ulong> exponent)
    {
        var multiplier = _multiplier;
        var table = LazyInitializer.EnsureInitialized(ref _combTable, BuildCombTable);
        Span<ulong> entry = stackalloc ulong[multiplier.Width];
        for (var column = CombColumns - 1; column >= 0; column--)
        {
            ulong index = 0;
            for (var row = 0; row < CombRows; row++)
            {
                var position = (row * CombColumns) + column;
                index |= ((exponent[position / 64] >> (position % 64)) & 1) << row;
            }

            if (column == CombColumns - 1)
            {
                // The first column's entry is the accumulator itself, as in FixedWindow.
                Limbs.Select(accumulator, table, 1 << CombRows, index);
                continue;
            }

            multiplier.Square(accumulator, accumulator);
            Limbs.Select(entry, table, 1 << CombRows, index);
            multiplier.Multiply(accumulator, accumulator, entry);
        }
    }

    private ulong[] BuildCombTable()
    {
        var multiplier = _multiplier;
        var s = multiplier.Width;
        var table = new ulong[(1 << CombRows) * s];
        multiplier.One.CopyTo(table.AsSpan());
        // power = 2^(2^(CombColumns·row)) in the Montgomery domain, starting from 2·R mod N.
        Span<ulong> power = stackalloc ulong[s];
        multiplier.ToMontgomery(power, 2);
        for (var row = 0; row < CombRows; row++)
        {
            var bit = 1 << row;
            power.CopyTo(table.AsSpan(bit * s, s));
            for (var i = 1; i < bit; i++)
            {
                multiplier.Multiply(table.AsSpan((bit + i) * s, s), table.AsSpan(i * s, s), power);
            }

            for (var i = 0; i < CombColumns; i++)
            {
                multiplier.Square(power, power);
            }
        }

        return table;
    }

    /// <summary>The <paramref name="width"/> exponent bits from bit <paramref name="start"/> (positions are public).</summary>
    private static ulong Window(ReadOnlySpan<ulong> exponent, int start, int width)
    {
        var limb = start / 64;
        var offset = start % 64;
        var bits = exponent[limb] >> offset;
        if (offset + width > 64)
        {
            bits |= exponent[limb + 1] << (64 - offset);
        }

        return bits & ((1UL << width) - 1);
    }
}

/// <summary>Which Montgomery multiplier a <see cref="MontgomeryModulus"/> uses.</summary>
internal enum MultiplierChoice
{
    /// <summary>The widest vectors the CPU has: AVX-512, else AVX2, else 64-bit limbs.</summary>
    Best,

    /// <summary>AVX2 even where AVX-512 is there (else 64-bit limbs).</summary>
    Avx2,

    /// <summary>64-bit limbs, the portable path.</summary>
    Words,
}
