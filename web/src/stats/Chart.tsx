import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { Empty } from 'antd';
import { useI18n } from '../i18n.tsx';

// Only what the dashboard and the report draw: bars, a line, axes, tooltips, a legend, on canvas.
// (`echarts-for-react/lib/core` crashes in the production bundle; the ESM build does not.)
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartClick = { dataIndex: number; seriesIndex?: number };

/**
 * One chart; `onClick` gets the index of the bar clicked. Drawn at once (#18: no entry animation,
 * the numbers are there when the page is); with nothing to show, "暂无数据" instead of empty axes.
 */
export function Chart({
  option,
  onClick,
  height = 260,
  testId,
  print: _print,
}: {
  option: EChartsOption;
  onClick?: (e: ChartClick) => void;
  height?: number;
  testId: string;
  print?: boolean;
}) {
  const { t } = useI18n();
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as {
    data?: unknown[];
  }[];
  const none = (v: unknown) =>
    v === null || v === undefined || v === 0 || (typeof v === 'object' && (v as { value?: unknown }).value === 0);
  const empty = series.every((x) => (x.data ?? []).every(none));
  if (empty)
    return (
      <div data-testid={testId} className="chart chart-empty" style={{ height }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noData')} />
      </div>
    );
  return (
    <div data-testid={testId} className="chart">
      <ReactEChartsCore
        echarts={echarts}
        notMerge
        lazyUpdate
        style={{ height, width: '100%' }}
        option={{
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 48, right: 16, top: 24, bottom: 48 },
          ...option,
        }}
        onEvents={onClick ? { click: (e: ChartClick) => onClick(e) } : undefined}
      />
    </div>
  );
}

/** A bar chart of labelled counts. */
export function barOption(labels: string[], values: (number | null)[], name: string, color = '#1677ff'): EChartsOption {
  return {
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    // #18: each bar carries its value; a bar with no value (no deadline fell due) reads "—".
    series: [
      {
        type: 'bar',
        name,
        data: values.map((v) => (v === null ? { value: 0, label: { formatter: '—' } } : v)),
        itemStyle: { color },
        barMaxWidth: 48,
        cursor: 'pointer',
        label: { show: true, position: 'top' },
      },
    ],
  };
}
