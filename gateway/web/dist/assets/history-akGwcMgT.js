import{a as L,h as T,u as k,b as n,k as u,f as x,s as Y,d as A,A as b,t as y,c as F,g as I,l as E,i as C}from"./index-DdLuavwV.js";const l=C({historyTitle:"Your training history",streakNow:"Current streak",streak_one:"{n} session in a row",streak_other:"{n} sessions in a row",total_one:"{n} session logged",total_other:"{n} sessions logged",prevMonth:"Previous month",nextMonth:"Next month",monthEmpty:"Nothing logged this month.",none:"No sessions logged yet. Open a day of your plan and log it: it shows here.",sessionsIn:"Sessions in {month}",effortN:"effort {n}/10",volumeN:"{kg} kg lifted",pain:"pain",dayLabel_one:"{date}: {n} session",dayLabel_other:"{date}: {n} sessions",calendar:"Calendar of logged sessions"},{historyTitle:"История тренировок",streakNow:"Серия сейчас",streak_one:"{n} тренировка подряд",streak_few:"{n} тренировки подряд",streak_many:"{n} тренировок подряд",streak_other:"{n} тренировки подряд",total_one:"{n} тренировка записана",total_few:"{n} тренировки записано",total_many:"{n} тренировок записано",total_other:"{n} тренировки записано",prevMonth:"Предыдущий месяц",nextMonth:"Следующий месяц",monthEmpty:"В этом месяце ничего не записано.",none:"Записанных тренировок пока нет. Откройте день плана и запишите тренировку — она появится здесь.",sessionsIn:"Тренировки: {month}",effortN:"нагрузка {n}/10",volumeN:"поднято {kg} кг",pain:"боль",dayLabel_one:"{date}: {n} тренировка",dayLabel_few:"{date}: {n} тренировки",dayLabel_many:"{date}: {n} тренировок",dayLabel_other:"{date}: {n} тренировки",calendar:"Календарь тренировок"}),B=5,c=()=>E()==="ru"?"ru-RU":"en-GB",$=d=>`${d.getFullYear()}-${String(d.getMonth()+1).padStart(2,"0")}-${String(d.getDate()).padStart(2,"0")}`;class P{sessions=null;streak=0;error=null;month;constructor(t){const e=/^(\d{4})-(\d{2})$/.exec(t);this.month=e?new Date(Number(e[1]),Number(e[2])-1,1):new Date(new Date().getFullYear(),new Date().getMonth(),1),this.load(!e)}async load(t){this.error=null;try{const e=[];let s="";for(let a=0;a<B;a++){const h=await L.listSessions(s);if(a===0&&(this.streak=h.currentStreak??0),e.push(...h.sessions??[]),s=h.nextPageToken??"",!s)break}this.sessions=e;const i=e.find(a=>a.completeTime)?.completeTime;if(t&&i){const a=new Date(i);this.month=new Date(a.getFullYear(),a.getMonth(),1)}}catch(e){if(T(e))return;this.error=e}k()}move(t){this.month=new Date(this.month.getFullYear(),this.month.getMonth()+t,1);const e=`${this.month.getFullYear()}-${String(this.month.getMonth()+1).padStart(2,"0")}`;history.replaceState(null,"",`/history?month=${e}`),k()}byDay(){const t=new Map;for(const e of this.sessions??[]){if(!e.completeTime)continue;const s=$(new Date(e.completeTime));t.set(s,[...t.get(s)??[],e])}return t}calendar(t){const e=this.month,s=e.getFullYear(),i=e.getMonth(),a=new Date(s,i+1,0).getDate(),h=(e.getDay()+6)%7,m=[...Array.from({length:h},()=>null),...Array.from({length:a},(r,o)=>o+1)];for(;m.length%7;)m.push(null);const v=Array.from({length:m.length/7},(r,o)=>m.slice(o*7,o*7+7)),D=Array.from({length:7},(r,o)=>new Date(2024,0,1+o)),_=$(new Date),M=e.toLocaleDateString(c(),{month:"long",year:"numeric"});return n`<div class="card cal" data-testid="calendar">
      <div class="cal-head">
        <button class="icon-btn" @click=${()=>this.move(-1)} aria-label=${l("prevMonth")} data-testid="cal-prev">‹</button>
        <h2 class="cal-title" aria-live="polite" data-testid="cal-month">${M}</h2>
        <button class="icon-btn" @click=${()=>this.move(1)} aria-label=${l("nextMonth")} data-testid="cal-next">›</button>
      </div>
      <table class="cal-grid" aria-label=${l("calendar")}>
        <thead>
          <tr>${D.map(r=>n`<th scope="col" abbr=${r.toLocaleDateString(c(),{weekday:"long"})}>${r.toLocaleDateString(c(),{weekday:"short"})}</th>`)}</tr>
        </thead>
        <tbody>
          ${v.map(r=>n`<tr>
              ${r.map(o=>{if(o===null)return n`<td class="cal-pad"></td>`;const f=new Date(s,i,o),w=$(f),p=t.get(w)??[],S=u("dayLabel",p.length,{date:f.toLocaleDateString(c(),{day:"numeric",month:"long"})}),g=p[0];return n`<td class="${p.length?"has":""} ${w===_?"today":""} ${p.some(N=>N.pain)?"pain":""}">
                  ${g?n`<a href="/plans/${encodeURIComponent(g.planId)}/weeks/${g.week}/days/${g.day}" data-nav aria-label=${S} data-testid="cal-day-${o}">
                        <span>${o}</span><span class="cal-dot" aria-hidden="true"></span>
                      </a>`:n`<span class="cal-d">${o}</span>`}
                </td>`})}
            </tr>`)}
        </tbody>
      </table>
    </div>`}item(t){const e=t.completeTime?new Date(t.completeTime).toLocaleDateString(c(),{weekday:"short",day:"numeric",month:"short"}):"",s=[t.perceivedEffort?l("effortN",{n:t.perceivedEffort}):"",t.setsDone?u("setsN",t.setsDone):"",t.volumeKg>0?l("volumeN",{kg:x(t.volumeKg)}):"",t.cardioSeconds>0?Y(t.cardioSeconds):"",t.distanceMeters>0?A(t.distanceMeters):""].filter(Boolean);return n`<li class="session-item" data-testid="session-item">
      <a href="/plans/${encodeURIComponent(t.planId)}/weeks/${t.week}/days/${t.day}" data-nav>
        <span class="session-when">${e}</span>
        <span class="session-name"><strong>${t.workoutName}</strong> <span class="muted small">${y("week",{n:t.week})} · ${y("day",{n:t.day})}</span></span>
        <span class="muted small">${s.join(" · ")}</span>
        ${t.pain?n`<span class="badge badge-warn">${l("pain")}</span>`:b}
      </a>
    </li>`}render(){if(this.error)return F(this.error,()=>{this.load(!1)});if(!this.sessions)return I();const t=this.byDay(),e=this.sessions.filter(i=>{if(!i.completeTime)return!1;const a=new Date(i.completeTime);return a.getFullYear()===this.month.getFullYear()&&a.getMonth()===this.month.getMonth()}),s=this.month.toLocaleDateString(c(),{month:"long",year:"numeric"});return n`
      <h1 data-testid="history-title">${l("historyTitle")}</h1>
      <div class="stat-tiles">
        <div class="tile"><span class="tile-k">${l("streakNow")}</span><strong data-testid="history-streak">${this.streak}</strong><span class="muted small">${u("streak",this.streak).replace(/^\d+\s*/,"")}</span></div>
        <div class="tile"><span class="tile-k">${y("history")}</span><strong>${this.sessions.length}</strong><span class="muted small">${u("total",this.sessions.length).replace(/^\d+\s*/,"")}</span></div>
      </div>
      ${this.sessions.length===0?n`<div class="card empty" data-testid="history-empty"><p>${l("none")}</p></div>`:b}
      ${this.calendar(t)}
      <section aria-labelledby="month-list">
        <h2 id="month-list" class="section-title">${l("sessionsIn",{month:s})}</h2>
        ${e.length?n`<ul class="session-list">${e.map(i=>this.item(i))}</ul>`:n`<p class="muted">${l("monthEmpty")}</p>`}
      </section>
    `}}export{P as HistoryView};
