// File formats in and out: streaming readers that yield rows (and problems, with their line), and streaming writers.
export type { ByteSource, FileFormat, ProblemItem, RandomAccessSource, ReadItem, RowItem } from "./types";
export type { IoDataset, ValueKind } from "./dataset";
export { questionValueKind } from "./dataset";
export { detectFormat, type DetectResult } from "./detect";
export { readJsonl, readLines, DEFAULT_MAX_LINE_LENGTH, type JsonlReadOptions, type TextLine } from "./read-jsonl";
export { readJson, DEFAULT_MAX_JSON_BYTES, type JsonReadOptions } from "./read-json";
export { readCsv, type CsvReadOptions } from "./read-csv";
export { readParquet, parquetColumns } from "./read-parquet";
export { sniffDelimiter, type CsvDelimiter } from "./csv-delimiter";
export { neutraliseFormula, restoreFormula } from "./csv-formula";
export { writeJsonl, type Rows } from "./write-jsonl";
export { writeJsonArray } from "./write-json";
export { writeCsv, csvCell, type CsvWriteOptions } from "./write-csv";
export { writeParquet, parquetSchemaFor, type ParquetWriteOptions } from "./write-parquet";
