import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollingTable } from '../../components/ScrollingTable.tsx';

export interface ChartSeries {
  name: string;
  label: string;
  /** A Mantine color with at least 3:1 against white (WCAG 1.4.11): the bars are read by their color. */
  color: string;
}

export interface ChartPoint {
  /** The category on the axis: a month's short name, a house. */
  label: string;
  [series: string]: string | number;
}

/**
 * A chart and the same numbers as a table, one switch apart: the table is
 * what a screen reader, a keyboard or a printout reads, and what a reader
 * who wants the exact figure looks at.
 */
export function ChartCard({
  title,
  description,
  kind,
  categoryLabel,
  data,
  series,
  format,
  axisFormat,
  empty,
  horizontal = false,
}: {
  title: string;
  description?: string;
  kind: 'bar' | 'line';
  /** The table's first column: what each point is (a month, a house). */
  categoryLabel: string;
  data: ChartPoint[];
  series: ChartSeries[];
  /** A value as the table and the tooltip write it (a percentage, an amount). */
  format: (value: number) => string;
  /** A value on the axis, shorter (no cents). */
  axisFormat?: (value: number) => string;
  /** Said instead of an empty chart. */
  empty?: string;
  horizontal?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const height = horizontal ? Math.max(160, data.length * 36 + 40) : 240;
  const common = {
    h: height,
    data,
    dataKey: 'label',
    series,
    valueFormatter: format,
    withLegend: series.length > 1,
    legendProps: { verticalAlign: 'bottom' as const, height: 40 },
    yAxisProps: { tickFormatter: axisFormat ?? format, width: 72 },
    gridAxis: 'y' as const,
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={3} size="h5" id={headingId}>
              {title}
            </Title>
            {description && (
              <Text size="xs" c="dimmed">
                {description}
              </Text>
            )}
          </Stack>
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(value) => setView(value as 'chart' | 'table')}
            aria-label={t('analytics.view', { title })}
            data={[
              { value: 'chart', label: t('analytics.chart') },
              { value: 'table', label: t('analytics.table') },
            ]}
          />
        </Group>
        {data.length === 0 && empty ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : view === 'chart' ? (
          // The figures are in the table view: the picture is named, not read point by point.
          <div role="img" aria-label={t('analytics.chartOf', { title })}>
            {kind === 'bar' ? (
              <BarChart
                {...common}
                orientation={horizontal ? 'vertical' : 'horizontal'}
                {...(horizontal
                  ? {
                      yAxisProps: { width: 120 },
                      xAxisProps: { tickFormatter: axisFormat ?? format },
                      gridAxis: 'x' as const,
                    }
                  : {})}
              />
            ) : (
              <LineChart {...common} curveType="monotone" />
            )}
          </div>
        ) : (
          <ScrollingTable label={t('common.tableOf', { name: title })} minWidth={280}>
            <Table striped fz="sm" verticalSpacing={4}>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>{title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{categoryLabel}</Table.Th>
                  {series.map((item) => (
                    <Table.Th key={item.name} scope="col" ta="right">
                      {item.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((point) => (
                  <Table.Tr key={point.label}>
                    <Table.Th scope="row" fw={400}>
                      {point.label}
                    </Table.Th>
                    {series.map((item) => (
                      <Table.Td key={item.name} ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {format(Number(point[item.name] ?? 0))}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollingTable>
        )}
      </Stack>
    </Card>
  );
}
