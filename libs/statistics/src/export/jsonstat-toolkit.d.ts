// The part of jsonstat-toolkit (a CommonJS module without types) that the tests read with.
declare module 'jsonstat-toolkit' {
  interface Cell {
    value: number | string | null;
    status: string | null;
  }
  interface Category {
    label: string;
    unit: { decimals?: number; label?: string } | null;
  }
  interface Dimension {
    label: string;
    id: string[];
    role: string | null;
    Category(id: string | number): Category | null;
  }
  interface Dataset {
    class: 'dataset';
    label: string | null;
    source: string | null;
    updated: string | null;
    note: string[] | null;
    extension: Record<string, unknown> | null;
    id: string[];
    n: number;
    Dimension(id: string | number): Dimension | null;
    Data(selection: Record<string, string> | number[]): Cell | null;
    Dataset(index: number): Dataset | null;
  }
  function JSONstat(response: object): Dataset;
  export = JSONstat;
}
