import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only what the dashboard and the report draw: bars, a line, axes, tooltips, a legend, on canvas.
// (`echarts-for-react/lib/core` crashes in the production bundle; the ESM build does not.)
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartClick = { dataIndex: number; seriesIndex?: number };

/** One chart; `onClick` gets the index of the bar clicked. `print`: no animation, so a printout is complete. */
export function Chart({
  option,
  onClick,
  height = 260,
  testId,
  print,
}: {
  option: EChartsOption;
  onClick?: (e: ChartClick) => void;
  height?: number;
  testId: string;
  print?: boolean;
}) {
  return (
    <div data-testid={testId} className="chart">
      <ReactEChartsCore
        echarts={echarts}
        notMerge
        lazyUpdate
        style={{ height, width: '100%' }}
        option={{
          animation: !print,
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
    series: [{ type: 'bar', name, data: values, itemStyle: { color }, barMaxWidth: 48, cursor: 'pointer' }],
  };
}
