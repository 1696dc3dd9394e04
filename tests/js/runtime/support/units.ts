export type Celsius = number & { readonly __unit?: "C" };
export function toFahrenheit(c: Celsius): number {
  return (c * 9) / 5 + 32;
}
