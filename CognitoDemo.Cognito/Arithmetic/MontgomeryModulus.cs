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
/// chapter 14: Montgomery multiplication (algorithm 14.36, here in its word-serial "CIOS" form of
/// Koç, Acar and Kaliski, "Analyzing and comparing Montgomery multiplication algorithms", 1996), a
/// dedicated squaring (14.16: each cross product once, doubled) followed by a separate Montgomery
/// reduction (14.32), a fixed window (14.82 with every window multiplied, even by 1), and for base 2 a
/// fixed-base comb (14.117).</para>
/// <para>Constant time: for a given <c>exponentBits</c> the sequence of squarings and multiplications is
/// the same whatever the exponent; table entries are read by scanning every entry with masks
/// (<see cref="Limbs.Select"/>), and the final subtraction of every multiplication is a masked select
/// (<see cref="Limbs.SubtractIfAtLeast"/>). The conversions between <see cref="BigInteger"/> and limbs
/// are outside that guarantee: they depend only on the operands' lengths.</para>
/// <para>Base 2 (the SRP generator): exponents up to 256 bits (the SRP ephemerals a and b, and x) use a
/// fixed-base comb with a table built once per modulus: 31 squarings and 31 multiplications. Longer
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
            // Even entries as squares of the half entry: a squaring costs less than a multiplication.
            if (i % 2 == 0)
            {
                Square(table.Slice(i * s, s), table.Slice(i / 2 * s, s));
            }
            else
            {
                Multiply(table.Slice(i * s, s), table.Slice((i - 1) * s, s), montgomeryBase);
            }
        }

        var windows = (exponentBits + w - 1) / w;
        _one.CopyTo(accumulator);
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
                Square(accumulator, accumulator);
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
    /// set. 31 squarings and 31 multiplications instead of 256 squarings, for every exponent alike; each entry
    /// is read by scanning the whole table (<see cref="Limbs.Select"/>). The table depends only on the modulus.
    /// </summary>
    private void CombPowerOfTwo(Span<ulong> accumulator, ReadOnlySpan<ulong> exponent)
    {
        var s = LimbCount;
        var table = LazyInitializer.EnsureInitialized(ref _combTable, BuildCombTable);
        Span<ulong> entry = stackalloc ulong[s];
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

            Square(accumulator, accumulator);
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

    /// <summary>result = a·b·R⁻¹ mod N (CIOS). result may alias a or b.</summary>
    /// <remarks>The loops index through refs (no bounds checks); their bounds are the limb count alone.</remarks>
    private void Multiply(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var s = _n.Length;
        Span<ulong> buffer = stackalloc ulong[s + 1];
        buffer.Clear();
        ref var t = ref MemoryMarshal.GetReference(buffer);
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        for (var i = 0; i < s; i++)
        {
            var carry = Limbs.MultiplyAccumulate(ref t, Unsafe.Add(ref x, i), ref y, s);
            ref var ts = ref Unsafe.Add(ref t, s);
            var top = ts + carry;
            var topCarry = Limbs.Carry(top, carry);

            // Add m·N so that the low limb becomes zero, and shift down by one limb.
            var m = t * _negativeInverse;
            carry = Limbs.MultiplyAdd(m, n, t, 0, out _);
            for (var j = 1; j < s; j++)
            {
                carry = Limbs.MultiplyAdd(m, Unsafe.Add(ref n, j), Unsafe.Add(ref t, j), carry, out Unsafe.Add(ref t, j - 1));
            }

            var last = top + carry;
            Unsafe.Add(ref t, s - 1) = last;
            ts = topCarry + Limbs.Carry(last, carry);
        }

        Limbs.SubtractIfAtLeast(result, buffer[..s], buffer[s], _n);
    }

    /// <summary>result = a²·R⁻¹ mod N: the square's cross products once and doubled, then a Montgomery reduction.</summary>
    private void Square(Span<ulong> result, ReadOnlySpan<ulong> a)
    {
        var s = _n.Length;
        Span<ulong> buffer = stackalloc ulong[2 * s];
        buffer.Clear();
        ref var t = ref MemoryMarshal.GetReference(buffer);
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        for (var i = 0; i < s - 1; i++)
        {
            Unsafe.Add(ref t, i + s) = Limbs.MultiplyAccumulate(
                ref Unsafe.Add(ref t, (2 * i) + 1), Unsafe.Add(ref x, i), ref Unsafe.Add(ref x, i + 1), s - i - 1);
        }

        ulong shiftedOut = 0;
        for (var k = 0; k < 2 * s; k++)
        {
            ref var tk = ref Unsafe.Add(ref t, k);
            var v = tk;
            tk = (v << 1) | shiftedOut;
            shiftedOut = v >> 63;
        }

        ulong diagonalCarry = 0;
        for (var i = 0; i < s; i++)
        {
            var square = Math.BigMul(Unsafe.Add(ref x, i), Unsafe.Add(ref x, i));
            ref var low = ref Unsafe.Add(ref t, 2 * i);
            diagonalCarry = Limbs.MultiplyAdd(1, low, (ulong)square, diagonalCarry, out low);
            ref var high = ref Unsafe.Add(ref t, (2 * i) + 1);
            diagonalCarry = Limbs.MultiplyAdd(1, high, (ulong)(square >> 64), diagonalCarry, out high);
        }

        // Montgomery reduction (HAC 14.32): clear one low limb per step; the carry out of the top runs in topCarry.
        ulong topCarry = 0;
        for (var i = 0; i < s; i++)
        {
            ref var ti = ref Unsafe.Add(ref t, i);
            // Adding m·N makes limb i zero (it is written as zero and never read again).
            var carry = Limbs.MultiplyAccumulate(ref ti, ti * _negativeInverse, ref n, s);
            ref var tis = ref Unsafe.Add(ref ti, s);
            var sum = tis + carry;
            var c1 = Limbs.Carry(sum, carry);
            var withTop = sum + topCarry;
            var c2 = Limbs.Carry(withTop, topCarry);
            tis = withTop;
            topCarry = c1 + c2;
        }

        Limbs.SubtractIfAtLeast(result, buffer[s..], topCarry, _n);
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
