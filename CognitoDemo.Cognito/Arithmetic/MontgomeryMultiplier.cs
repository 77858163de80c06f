using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace CognitoDemo.Cognito.Arithmetic;

/// <summary>
/// Montgomery multiplication modulo one fixed odd modulus N, in one representation of the residues: an
/// element is a span of <see cref="Width"/> unsigned 64-bit values, whose meaning (64-bit limbs, or
/// 28-bit digits in 64-bit lanes) belongs to the implementation. <see cref="MontgomeryModulus"/> runs
/// its exponentiation schedules on whichever implementation suits the CPU.
/// </summary>
/// <remarks>Every implementation is constant-time: its work and memory addresses depend on the
/// modulus's size only, never on the operands' values.</remarks>
internal abstract class MontgomeryMultiplier
{
    protected MontgomeryMultiplier(BigInteger modulus, int width, int radixBits)
    {
        Width = width;
        Limbs64 = (int)((modulus.GetBitLength() + 63) / 64);
        N = ToLimbs(modulus, Limbs64);
        R = BigInteger.One << (radixBits * width);
    }

    /// <summary>Values per element.</summary>
    public int Width { get; }

    /// <summary>R mod N in this representation: the Montgomery form of 1.</summary>
    public abstract ReadOnlySpan<ulong> One { get; }

    /// <summary>The Montgomery radix R (2 to the number of bits this representation holds).</summary>
    protected BigInteger R { get; }

    /// <summary>The number of 64-bit limbs of N.</summary>
    protected int Limbs64 { get; }

    /// <summary>N in 64-bit limbs, little-endian.</summary>
    protected ulong[] N { get; }

    /// <summary>result = a·b·R⁻¹ mod N (not necessarily fully reduced; see the implementation). result may alias a or b.</summary>
    public abstract void Multiply(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b);

    /// <summary>result = a²·R⁻¹ mod N. result may alias a.</summary>
    public virtual void Square(Span<ulong> result, ReadOnlySpan<ulong> a) => Multiply(result, a, a);

    /// <summary>result = value·R mod N for 0 ≤ value &lt; N.</summary>
    public abstract void ToMontgomery(Span<ulong> result, BigInteger value);

    /// <summary>x·R⁻¹ mod N, fully reduced into [0, N).</summary>
    public BigInteger FromMontgomery(ReadOnlySpan<ulong> x)
    {
        Span<ulong> limbs = stackalloc ulong[Limbs64];
        LeaveToLimbs(limbs, x);
        // x·R⁻¹ computed from x < 2N is at most N (N only when x ≡ 0): one masked subtraction reduces it.
        Limbs.SubtractIfAtLeast(limbs, limbs, 0, N);
        return FromLimbs(limbs);
    }

    /// <summary>limbs = x·R⁻¹ mod N as 64-bit limbs, at most N.</summary>
    protected abstract void LeaveToLimbs(Span<ulong> limbs, ReadOnlySpan<ulong> x);

    /// <summary>−N⁻¹ mod 2⁶⁴ for the odd low limb (or digit) <paramref name="lowest"/> of N.</summary>
    protected static ulong NegativeInverse(ulong lowest)
    {
        // Newton's iteration: each step doubles the number of correct low bits
        // (n·n ≡ 1 mod 8 gives 3 to start with; 3 → 6 → 12 → 24 → 48 → 96).
        var inverse = lowest;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (lowest * inverse);
        }

        return 0 - inverse;
    }

    /// <summary>The little-endian 64-bit limbs of 0 ≤ value &lt; 2^(64·limbCount).</summary>
    public static ulong[] ToLimbs(BigInteger value, int limbCount)
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

    /// <summary>The value of little-endian 64-bit limbs.</summary>
    public static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
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
