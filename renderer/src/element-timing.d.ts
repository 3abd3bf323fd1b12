// The Element Timing API's attribute (https://wicg.github.io/element-timing/): the browser records when the element's
// text was first painted, which the bench reads as "Overblik painted with its figures" (bench/bench.ts).
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- an augmentation repeats React's own type parameter
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
