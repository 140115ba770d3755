import type { Metadata } from "next";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { Method } from "@/components/climate/Method";
import { QualityNotice } from "@/components/climate/QualityNotice";
import { KeyFigures } from "@/components/climate/Summary";
import { PageLink } from "@/components/site/PageLink";
import { TableScroll } from "@/components/tables/TableScroll";
import { currentMonth, monthView } from "@/lib/climate/queries";
import { db } from "@/lib/db/client";
import { qualityOfDays } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import { daysOfMonth, monthLabel, shortMonthName, yearsNewestFirst } from "@/lib/time";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return { title: `${station.name} — climatologie` };
}

export default async function ClimatologyIndex({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const month = currentMonth();
  const [view, quality] = await Promise.all([
    monthView(station, month),
    qualityOfDays(db(), station.id, daysOfMonth(month)),
  ]);
  const years = view.extent ? yearsNewestFirst(view.extent.first, month) : [];
  const firstMonth = view.extent?.first.slice(0, 7) ?? month;
  return (
    <>
      <h1>
        Climatologie <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={month} />
      {!view.extent ? (
        <p>La climatologie de cette station n'a pas encore été calculée.</p>
      ) : (
        <>
          <h2>
            <PageLink href={`/mois/${month}`}>{monthLabel(month)}</PageLink>
          </h2>
          <KeyFigures
            summary={view.summary}
            reference={view.reference}
            anomalies={view.anomalies}
            sameDays={view.sameDays}
          />
          <QualityNotice
            marks={quality.total}
            marked="Les jours concernés sont signalés sur la page du mois."
          />
          <h2>Par année et par mois</h2>
          <TableScroll label="Par année et par mois">
            <table className="data compact">
              <tbody>
                {years.map((year) => (
                  <tr key={year}>
                    <th scope="row">
                      <PageLink href={`/annee/${year}`}>{year}</PageLink>
                    </th>
                    {Array.from({ length: 12 }, (_, i) => {
                      const key = `${year}-${String(i + 1).padStart(2, "0")}`;
                      return (
                        <td key={key}>
                          {key >= firstMonth && key <= month ? (
                            <PageLink href={`/mois/${key}`}>{shortMonthName(i + 1)}</PageLink>
                          ) : (
                            <span className="muted">{shortMonthName(i + 1)}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <Method open />
    </>
  );
}
