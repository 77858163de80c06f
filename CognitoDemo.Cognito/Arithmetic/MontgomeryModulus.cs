using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CognitoDemo.Cognito.Arithmetic;

/// <summary>
/// Modular exponentiation modulo one fixed odd modulus in the Montgomery domain on 64-bit limbs,
/// constant-time in the exponent: the SRP group's arithmetic for the client and for Local Cognito.
/// </summary>
/// <remarks>
/// <para>The methods follow the Handbook of Applied Cryptography (Menezes, van Oorschot, Vanstone),
/// chapter 14: Montgomery multiplication (algorithm 14.36, here in the product-scanning form with the
/// reduction interleaved, "FIPS", of Koç, Acar and Kaliski, "Analyzing and comparing Montgomery
/// multiplication algorithms", 1996), a squaring that adds each cross product once, doubled (14.16), and
/// fixed-window exponentiation (14.82 with every window multiplied, even by 1).</para>
/// <para>Constant time: for a given <c>exponentBits</c> the sequence of squarings and multiplications is
/// the same whatever the exponent; table entries are read by scanning every entry with masks
/// (<see cref="Limbs.Select"/>), and the final subtraction of every multiplication is a masked select
/// (<see cref="Limbs.SubtractIfAtLeast"/>). The conversions between <see cref="BigInteger"/> and limbs
/// are outside that guarantee: they depend only on the operands' lengths.</para>
/// <para>Base 2 (the SRP generator): exponents up to 256 bits (the SRP ephemerals a and b, and x) use a
/// fixed-base comb with a table built once per modulus: 32 squarings and 32 multiplications. Longer
/// exponents, when the modulus's top limb is all ones as in every RFC 3526 prime, multiply by 2^d
/// (d &lt; 64) with a shift by d bits and one fold of the overflow limb through 2^(64s) mod N, so the
/// windows cost a shift instead of a multiplication and no table is needed.</para>
/// </remarks>
public sealed class MontgomeryModulus
{
    private const int MaxBaseTwoWindow = 6;
    // The fixed-base comb for base 2 (see CombPowerOfTwo): exponents up to 256 bits, read as 8 rows of 32 bits.
    private const int CombExponentBits = 256;
    private const int CombRows = 8;
    private const int CombColumns = CombExponentBits / CombRows;
    private readonly ulong[] _n;
    private readonly ulong _negativeInverse;
    private readonly ulong[] _rSquared;
    private readonly ulong[] _one;
    // 2^(64s) − N, used to fold an overflow limb; null when N's top limb is not all ones.
    private readonly ulong[]? _foldConstant;
    // 2^CombRows entries of s limbs: entry i = ∏ 2^(2^(CombColumns·r)) over the bits r of i, Montgomery domain; built on first use.
    private ulong[]? _combTable;

    /// <summary>Prepares the Montgomery constants of an odd modulus greater than 1.</summary>
    public MontgomeryModulus(BigInteger modulus)
    {
        if (modulus <= BigInteger.One || modulus.IsEven)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus), "The modulus must be odd and greater than 1.");
        }

        Modulus = modulus;
        var limbCount = (int)((modulus.GetBitLength() + 63) / 64);
        _n = ToLimbs(modulus, limbCount);
        // −N⁻¹ mod 2⁶⁴ by Newton's iteration: each step doubles the number of correct low bits
        // (n·n ≡ 1 mod 8 gives 3 to start with; 3 → 6 → 12 → 24 → 48 → 96).
        var inverse = _n[0];
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (_n[0] * inverse);
        }

        _negativeInverse = 0 - inverse;
        var r = BigInteger.One << (64 * limbCount);
        _one = ToLimbs(r % modulus, limbCount);
        _rSquared = ToLimbs(r * r % modulus, limbCount);
        if (_n[limbCount - 1] == ulong.MaxValue)
        {
            _foldConstant = ToLimbs(r - modulus, limbCount);
        }
    }

    /// <summary>The modulus N.</summary>
    public BigInteger Modulus { get; }

    private int LimbCount => _n.Length;

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

        var s = LimbCount;
        var exponentLimbs = ToLimbs(exponent, (Math.Max(exponentBits, CombExponentBits) + 63) / 64 + 1);
        Span<ulong> accumulator = stackalloc ulong[s];
        var reduced = value.Sign >= 0 && value < Modulus ? value : BigInteger.Remainder(value, Modulus) + (value.Sign < 0 ? Modulus : 0);
        if (reduced == 2 && exponentBits <= CombExponentBits)
        {
            CombPowerOfTwo(accumulator, exponentLimbs);
        }
        else if (reduced == 2 && _foldConstant is not null)
        {
            PowerOfTwo(accumulator, exponentLimbs, exponentBits);
        }
        else
        {
            Span<ulong> montgomeryBase = stackalloc ulong[s];
            Multiply(montgomeryBase, ToLimbs(reduced % Modulus, s), _rSquared);
            FixedWindow(accumulator, montgomeryBase, exponentLimbs, exponentBits);
        }

        // Out of the Montgomery domain: multiply by plain 1.
        Span<ulong> plainOne = stackalloc ulong[s];
        plainOne[0] = 1;
        Span<ulong> result = stackalloc ulong[s];
        Multiply(result, accumulator, plainOne);
        return FromLimbs(result);
    }

    private static int WindowSize(int exponentBits) => exponentBits switch
    {
        <= 32 => 2,
        <= 192 => 4,
        <= 768 => 5,
        _ => 6,
    };

    /// <summary>Left-to-right fixed window: w squarings and one multiplication by a table entry per window.</summary>
    private void FixedWindow(Span<ulong> accumulator, ReadOnlySpan<ulong> montgomeryBase, ReadOnlySpan<ulong> exponent, int exponentBits)
    {
        var s = LimbCount;
        var w = WindowSize(exponentBits);
        var rows = 1 << w;
        // table[i] = base^i in the Montgomery domain; 64 rows of 48 limbs at most (24 KiB).
        Span<ulong> table = stackalloc ulong[rows * s];
        _one.CopyTo(table);
        montgomeryBase.CopyTo(table[s..]);
        for (var i = 2; i < rows; i++)
        {
            Multiply(table.Slice(i * s, s), table.Slice((i - 1) * s, s), montgomeryBase);
        }

        var windows = (exponentBits + w - 1) / w;
        _one.CopyTo(accumulator);
        Span<ulong> entry = stackalloc ulong[s];
        for (var k = windows - 1; k >= 0; k--)
        {
            if (k != windows - 1)
            {
                for (var i = 0; i < w; i++)
                {
                    Square(accumulator, accumulator);
                }
            }

            Limbs.Select(entry, table, rows, Window(exponent, k * w, w));
            Multiply(accumulator, accumulator, entry);
        }
    }

    /// <summary>2^e: w squarings and one multiplication by 2^digit (a shift and a fold) per window.</summary>
    private void PowerOfTwo(Span<ulong> accumulator, ReadOnlySpan<ulong> exponent, int exponentBits)
    {
        var windows = (exponentBits + MaxBaseTwoWindow - 1) / MaxBaseTwoWindow;
        _one.CopyTo(accumulator);
        for (var k = windows - 1; k >= 0; k--)
        {
            if (k != windows - 1)
            {
                for (var i = 0; i < MaxBaseTwoWindow; i++)
                {
                    Square(accumulator, accumulator);
                }
            }

            MultiplyByPowerOfTwo(accumulator, (int)Window(exponent, k * MaxBaseTwoWindow, MaxBaseTwoWindow));
        }
    }

    /// <summary>
    /// 2^e for e &lt; 2^256 by the fixed-base comb of Lim and Lee ("More flexible exponentiation with
    /// precomputation", CRYPTO '94; HAC algorithm 14.117 with one table): e is read as 8 rows of 32 bits, and
    /// column c's 8 bits (bit c of each row) select the table entry ∏ 2^(2^(32r)) over the rows r whose bit is
    /// set. 32 squarings and 32 multiplications instead of 256 squarings, for every exponent alike; each entry
    /// is read by scanning the whole table (<see cref="Limbs.Select"/>). The table depends only on the modulus.
    /// </summary>
    private void CombPowerOfTwo(Span<ulong> accumulator, ReadOnlySpan<ulong> exponent)
    {
        var s = LimbCount;
        var table = LazyInitializer.EnsureInitialized(ref _combTable, BuildCombTable);
        Span<ulong> entry = stackalloc ulong[s];
        _one.CopyTo(accumulator);
        for (var column = CombColumns - 1; column >= 0; column--)
        {
            if (column != CombColumns - 1)
            {
                Square(accumulator, accumulator);
            }

            ulong index = 0;
            for (var row = 0; row < CombRows; row++)
            {
                var position = (row * CombColumns) + column;
                index |= ((exponent[position / 64] >> (position % 64)) & 1) << row;
            }

            Limbs.Select(entry, table, 1 << CombRows, index);
            Multiply(accumulator, accumulator, entry);
        }
    }

    private ulong[] BuildCombTable()
    {
        var s = LimbCount;
        var table = new ulong[(1 << CombRows) * s];
        _one.CopyTo(table.AsSpan());
        // power = 2^(2^(CombColumns·row)) in the Montgomery domain, starting from 2·R mod N.
        Span<ulong> power = stackalloc ulong[s];
        var two = new ulong[s];
        two[0] = 2;
        Multiply(power, two, _rSquared);
        for (var row = 0; row < CombRows; row++)
        {
            var bit = 1 << row;
            power.CopyTo(table.AsSpan(bit * s, s));
            for (var i = 1; i < bit; i++)
            {
                Multiply(table.AsSpan((bit + i) * s, s), table.AsSpan(i * s, s), power);
            }

            for (var i = 0; i < CombColumns; i++)
            {
                Square(power, power);
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

    /// <summary>
    /// x = x·2^d mod N for a secret d in [0, 64): shift left by d bits (a shift by a register count takes
    /// the same time for every count), then fold the overflow limb h through 2^(64s) ≡ 2^(64s) − N.
    /// Since N's top limb is all ones, 2^(64s) − N &lt; 2^(64(s−1)) and h &lt; 2^63, so the folded value is
    /// below 1.5·2^(64s) &lt; 2N and one masked subtraction finishes the reduction.
    /// </summary>
    private void MultiplyByPowerOfTwo(Span<ulong> x, int d)
    {
        var s = LimbCount;
        var fold = _foldConstant!;
        Span<ulong> t = stackalloc ulong[s];
        ulong carryIn = 0;
        for (var j = 0; j < s; j++)
        {
            var v = x[j];
            t[j] = (v << d) | carryIn;
            // (v >> 1) >> (63 − d) is v >> (64 − d), and 0 when d = 0 (a shift by 64 would be a shift by 0).
            carryIn = (v >> 1) >> (63 - d);
        }

        var carry = Limbs.MultiplyAccumulate(ref MemoryMarshal.GetReference(t), carryIn, ref MemoryMarshal.GetArrayDataReference(fold), s);
        Limbs.SubtractIfAtLeast(x, t, carry, _n);
    }

    /// <summary>result = a·b·R⁻¹ mod N, product scanning with the reduction interleaved (FIPS). result may alias a or b.</summary>
    /// <remarks>
    /// <para>Column by column (Koç, Acar and Kaliski's "finely integrated product scanning"): column k sums every
    /// a[j]·b[k−j] and m[j]·N[k−j]; in the low s columns m[k] is chosen so that the column's low limb becomes
    /// zero, the high s columns are the result. The column sum lives in a <see cref="ColumnSum"/>, whose carries
    /// are counted apart from the sums, so the CPU can overlap the products: no add waits for the carry of the
    /// one before, as it does when a row's carry runs from limb to limb (CIOS, 4–5 cycles per product here).</para>
    /// <para>The loops index through refs (no bounds checks); every bound depends on the limb count alone.</para>
    /// </remarks>
    internal void Multiply(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var s = _n.Length;
        Span<ulong> quotients = stackalloc ulong[s];
        Span<ulong> high = stackalloc ulong[s];
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        ref var m = ref MemoryMarshal.GetReference(quotients);
        var sum = default(ColumnSum);
        for (var k = 0; k < s; k++)
        {
            sum.AddProducts(ref x, ref Unsafe.Add(ref y, k), k + 1);
            sum.AddProducts(ref m, ref Unsafe.Add(ref n, k), k);
            // m[k]·N[0] ≡ −(column's low limb) mod 2⁶⁴: the low limb becomes zero and is dropped.
            var quotient = sum.Low * _negativeInverse;
            Unsafe.Add(ref m, k) = quotient;
            sum.Add(Math.BigMul(quotient, n));
            sum.Shift();
        }

        // The top column, 2s − 1, has no products: it is the carry left in the sum.
        for (var k = s; k < (2 * s) - 1; k++)
        {
            var first = k - s + 1;
            sum.AddProducts(ref Unsafe.Add(ref x, first), ref Unsafe.Add(ref y, s - 1), s - first);
            sum.AddProducts(ref Unsafe.Add(ref m, first), ref Unsafe.Add(ref n, s - 1), s - first);
            high[k - s] = sum.Low;
            sum.Shift();
        }

        high[s - 1] = sum.Low;
        sum.Shift();

        // The result is below 2N: what is left of the sum is its top bit.
        Limbs.SubtractIfAtLeast(result, high, sum.Low, _n);
    }

    /// <summary>result = a²·R⁻¹ mod N: as <see cref="Multiply"/>, with each column's cross products a[j]·a[k−j] once, doubled.</summary>
    internal void Square(Span<ulong> result, ReadOnlySpan<ulong> a)
    {
        var s = _n.Length;
        Span<ulong> quotients = stackalloc ulong[s];
        Span<ulong> high = stackalloc ulong[s];
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        ref var m = ref MemoryMarshal.GetReference(quotients);
        var sum = default(ColumnSum);
        for (var k = 0; k < (2 * s) - 1; k++)
        {
            // Cross products j < k − j (both indices below s), then twice their sum, then the diagonal.
            var first = Math.Max(0, k - s + 1);
            var cross = default(ColumnSum);
            cross.AddProducts(ref Unsafe.Add(ref x, first), ref Unsafe.Add(ref x, k - first), ((k + 1) / 2) - first);
            sum.AddTwice(ref cross);
            if ((k & 1) == 0)
            {
                var half = Unsafe.Add(ref x, k / 2);
                sum.Add(Math.BigMul(half, half));
            }

            if (k < s)
            {
                sum.AddProducts(ref m, ref Unsafe.Add(ref n, k), k);
                var quotient = sum.Low * _negativeInverse;
                Unsafe.Add(ref m, k) = quotient;
                sum.Add(Math.BigMul(quotient, n));
            }
            else
            {
                sum.AddProducts(ref Unsafe.Add(ref m, first), ref Unsafe.Add(ref n, s - 1), s - first);
                high[k - s] = sum.Low;
            }

            sum.Shift();
        }

        // The top column, 2s − 1, has no products: it is the carry left in the sum.
        high[s - 1] = sum.Low;
        sum.Shift();
        Limbs.SubtractIfAtLeast(result, high, sum.Low, _n);
    }

    private static ulong[] ToLimbs(BigInteger value, int limbCount)
    {
        var limbs = new ulong[limbCount];
        if (!value.TryWriteBytes(MemoryMarshal.AsBytes(limbs.AsSpan()), out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit the modulus's limbs.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(limbs, limbs);
        }

        return limbs;
    }

    private static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        Span<ulong> copy = stackalloc ulong[limbs.Length];
        limbs.CopyTo(copy);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(copy, copy);
        }

        return new BigInteger(MemoryMarshal.AsBytes(copy), isUnsigned: true, isBigEndian: false);
    }
}
